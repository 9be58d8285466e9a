"""Oscar's basket views; the basket page answers a broken formset with a message, and
adding to the basket loads the product with what the form and strategy read."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from oscar.apps.basket import views as oscar_views
from oscar.apps.basket.views import *  # noqa: F403


class BasketView(oscar_views.BasketView):
    def formset_invalid(self, formset):
        # Oscar's formset_invalid rebuilds the posted data from the management form's
        # fields and raises KeyError (a 500) when a hand-made post leaves them out.
        management = formset.management_form
        posted = all(
            management.add_prefix(name) in formset.data for name in management.fields
        )
        if not (posted and management.is_valid()):
            messages.error(
                self.request,
                _("Your basket could not be updated. Please change it again."),
            )
            return redirect("basket:summary")
        return super().formset_invalid(formset)


class BasketAddView(oscar_views.BasketAddView):
    def post(self, request, *args, **kwargs):
        # Oscar loads the bare product, then asks for its class, options, stock record
        # (twice) and eligibility one query at a time.
        self.product = get_object_or_404(
            self.product_model.objects.for_basket(), pk=kwargs["pk"]
        )
        return FormView.post(self, request, *args, **kwargs)
