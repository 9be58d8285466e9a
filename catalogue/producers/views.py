"""The storefront side of producer self-service: apply to join the register and follow
the application."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import generic

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
