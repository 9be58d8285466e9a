"""The storefront side of the register: every registered producer's public profile, and
applying to join the register and following the application."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import generic

from catalogue.models import Product
from catalogue.register import Producer

from .forms import ProducerApplicationForm
from .models import ProducerApplication


class ApplicantMixin(LoginRequiredMixin):
    login_url = reverse_lazy("customer:login")


class ApplyView(ApplicantMixin, generic.CreateView):
    form_class = ProducerApplicationForm
    template_name = "producers/apply.html"
    success_url = reverse_lazy("producers:application")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (
            request.user.producer_applications.filter(
                status=ProducerApplication.Status.PENDING
            ).exists()
        ):
            messages.info(
                request, _("Your application is already with the department.")
            )
            return redirect("producers:application")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        form.instance.applicant = self.request.user
        messages.success(
            self.request,
            _(
                "Thank you: your application has been sent to the Community Development "
                "Department."
            ),
        )
        return super().form_valid(form)


class ApplicationListView(ApplicantMixin, generic.ListView):
    template_name = "producers/applications.html"
    context_object_name = "applications"

    def get_queryset(self):
        return self.request.user.producer_applications.select_related(
            "producer", "tambon__district__province"
        ).order_by("-submitted_at")


class ProducerProfileView(generic.DetailView):
    """A registered producer and its products; lapsed or pending producers have no
    public profile. Its village, KBO network and stories come from the villages app's
    template tags (the page's template composes them; this app does not import them)."""

    template_name = "producers/profile.html"
    context_object_name = "producer"
    products_per_page = 24

    def get_object(self, queryset=None) -> Producer:
        return get_object_or_404(
            Producer.objects.registered().select_related(
                "tambon__district__province__region"
            ),
            registration_number=self.kwargs["registration_number"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        products = Product.objects.listed().filter(producer=self.object)
        context["products"] = Paginator(products, self.products_per_page).get_page(
            self.request.GET.get("page")
        )
        return context
