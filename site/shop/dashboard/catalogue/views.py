"""Oscar's product dashboard, narrowed for a producer's staff.

Oscar already narrows products to the user's partners (`partner_product_visibility_q`,
overridden in utils.py to go by the product's producer). On top of that, a producer:
- acts only on its own products: a bulk action or form naming anything else is refused
  with 403, never silently trimmed;
- may take products off sale and change prices in bulk, but not publish;
- edits price, stock and weight at once, but the content of a product under review
  (title, description, categories, photos) only through a listing revision;
- cannot delete a product under review (its OPC ratings are the department's record),
  add variants or use the product lookup.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.apps.dashboard.catalogue.views import *  # noqa: F403
from oscar.core.loading import get_model

from catalogue.producers.models import ListingRevision
from catalogue.producers.models.revisions import needs_review

Product = get_model("catalogue", "Product")

PRODUCER_BULK_ACTIONS = ("make_products_non_public", "set_product_price")


def _refuse_foreign(user, posted_ids, allowed_ids) -> None:
    """403 when a non-staff user names a product that is not their producer's."""
    if user.is_staff:
        return
    try:
        posted = {int(pk) for pk in posted_ids}
    except (TypeError, ValueError):
        raise PermissionDenied from None
    if not posted <= set(allowed_ids):
        raise PermissionDenied(_("You can only act on your own products."))


class ProductListView(oscar_views.ProductListView):
    def get_actions(self):
        actions = super().get_actions()
        if self.request.user.is_staff:
            return actions
        return {name: a for name, a in actions.items() if name in PRODUCER_BULK_ACTIONS}

    def post(self, request, *args, **kwargs):
        action = request.POST.get(self.action_param, "").lower()
        if not request.user.is_staff and action not in PRODUCER_BULK_ACTIONS:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_selected_ids(self, request):
        ids = super().get_selected_ids(request)
        posted = request.POST.getlist(f"selected_{self.get_checkbox_object_name()}")
        _refuse_foreign(request.user, posted, ids)
        return ids

    def get_queryset(self):
        return super().get_queryset().select_related("producer")


class ProductBulkActionConfirmView(oscar_views.ProductBulkActionConfirmView):
    def get(self, request, *args, **kwargs):
        self._refuse_action(request)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._refuse_action(request)
        _refuse_foreign(
            request.user,
            request.POST.getlist("selected_products"),
            self.get_selectable_queryset().values_list("pk", flat=True),
        )
        return super().post(request, *args, **kwargs)

    def _refuse_action(self, request) -> None:
        if not request.user.is_staff and self._action not in PRODUCER_BULK_ACTIONS:
            raise PermissionDenied


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    def get_object(self, queryset=None):
        parent_pk = self.kwargs.get("parent_pk")
        if parent_pk is not None:
            # Oscar looks the parent up among all products.
            get_object_or_404(self.get_queryset(), pk=parent_pk)
        product = super().get_object(queryset)
        user = self.request.user
        if not hasattr(self, "all_formsets"):
            self.all_formsets = dict(self.formsets)
        if not user.is_staff:
            # Recommendations would link to other producers' products; the content of
            # a product under review changes only through a revision.
            self.formsets.pop("recommended_formset", None)
            if product is not None and needs_review(product):
                self.formsets.pop("category_formset", None)
                self.formsets.pop("image_formset", None)
        return product

    def get_page_title(self):
        # Oscar titles the page with the stored (Thai) title: the visitor's language.
        if not self.creating and self.object.title:
            return self.object.get_title()
        return super().get_page_title()

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self._refuse_foreign_rows(request)
        return super().post(request, *args, **kwargs)

    def _refuse_foreign_rows(self, request) -> None:
        """403 when a producer's form names a stock record, photo or category row of
        another product, or another partner: Oscar would only say the choice is
        invalid, and a request like that is no mistake."""
        user = request.user
        if user.is_staff:
            return
        own_partners = {str(pk) for pk in user.partners.values_list("pk", flat=True)}
        for formset_class in self.all_formsets.values():
            formset = formset_class(self.product_class, user, instance=self.object)
            own_rows = {
                str(pk) for pk in formset.get_queryset().values_list("pk", flat=True)
            }
            for key, value in request.POST.items():
                if not key.startswith(f"{formset.prefix}-") or not value:
                    continue
                if key.endswith("-id") and value not in own_rows:
                    raise PermissionDenied
                if key.endswith("-partner") and value not in own_partners:
                    raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        ctx["under_review"] = product is not None and needs_review(product)
        ctx["pending_revision"] = (
            ListingRevision.objects.pending().filter(product=product).first()
            if ctx["under_review"]
            else None
        )
        ctx["producer_view"] = not self.request.user.is_staff
        return ctx


class ProductDeleteView(oscar_views.ProductDeleteView):
    def get_object(self, queryset=None):
        product = super().get_object(queryset)
        if not self.request.user.is_staff and needs_review(product):
            raise PermissionDenied(
                _("A rated product cannot be deleted; take it off sale instead.")
            )
        return product


class ProductLookupView(oscar_views.ProductLookupView):
    def get_queryset(self):
        user = self.request.user
        if not user.is_staff:
            raise Http404
        return super().get_queryset()
