"""The review desk: one place for the department's staff to decide applications and
listing changes, keep registrations current and award OPC stars; and the producer's
page for proposing a change to a listed product."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from oscar.core.loading import get_class, get_model

from catalogue.certificate_import import CERTIFICATE_COLUMNS, import_certificates
from catalogue.certificates import Certificate
from catalogue.producers.models import ListingRevision, ProducerApplication
from catalogue.producers.models.revisions import needs_review
from catalogue.producers.ratings import award_stars
from catalogue.register import Producer
from catalogue.registry_import import (
    OPC_COLUMNS,
    ImportReport,
    RegistryFileError,
    import_opc,
    read_rows,
)

from .forms import (
    ApplicationApprovalForm,
    CertificateFileForm,
    CertificateForm,
    DecisionForm,
    ListingRevisionForm,
    OpcFileForm,
    RatingForm,
    RegistrationForm,
)

Product = get_model("catalogue", "Product")
partner_product_visibility_q = get_class(
    "dashboard.catalogue.utils", "partner_product_visibility_q"
)

LAPSING_WITHIN = timedelta(days=60)
DESK_ROWS = 50


def lapsing_registrations():
    return (
        Producer.objects.lapsing(LAPSING_WITHIN)
        .select_related("tambon__district__province")
        .annotate(
            product_count=Count("products", filter=Q(products__parent__isnull=True))
        )
        .order_by("expires_on")
    )


class ReviewDeskView(generic.TemplateView):
    template_name = "producers/dashboard/review_desk.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        applications = ProducerApplication.objects.filter(
            status=ProducerApplication.Status.PENDING
        ).select_related("applicant", "tambon__district__province")
        revisions = ListingRevision.objects.pending().select_related(
            "product__producer", "submitted_by"
        )
        lapsing = lapsing_registrations()
        expiring = (
            Certificate.objects.expiring(LAPSING_WITHIN)
            .select_related("producer", "product")
            .order_by("expires_on", "pk")
        )
        ctx.update(
            expiring_certificates=expiring[:DESK_ROWS],
            expiring_certificate_count=expiring.count(),
            certificate_file_form=CertificateFileForm(),
            applications=applications[:DESK_ROWS],
            application_count=applications.count(),
            revisions=revisions[:DESK_ROWS],
            revision_count=revisions.count(),
            lapsing=lapsing[:DESK_ROWS],
            lapsing_count=lapsing.count(),
            today=timezone.localdate(),
            opc_file_form=OpcFileForm(),
        )
        return ctx


class DecisionMixin:
    """approve / reject buttons on a detail page; reject needs a reason."""

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        decision = request.POST.get("decision")
        form = DecisionForm(request.POST)
        try:
            if decision == "approve":
                response = self.approve()
                if response is not None:
                    return response
            elif decision == "reject" and form.is_valid():
                self.object.reject(request.user, form.cleaned_data["reason"])
                messages.info(
                    request, _("Rejected; the reason is shown to the producer.")
                )
            else:
                form.add_error(None, _("Choose approve or reject."))
                return self.render_to_response(
                    self.get_context_data(decision_form=form)
                )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(decision_form=form))
        return redirect("dashboard:otop-review")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("decision_form", DecisionForm())
        return super().get_context_data(**kwargs)


class ApplicationDecisionView(DecisionMixin, generic.DetailView):
    template_name = "producers/dashboard/application_decision.html"
    context_object_name = "application"
    queryset = ProducerApplication.objects.select_related(
        "applicant", "tambon__district__province", "producer"
    )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("approval_form", ApplicationApprovalForm())
        return super().get_context_data(**kwargs)

    def approve(self):
        form = ApplicationApprovalForm(self.request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(approval_form=form))
        producer = self.object.approve(
            self.request.user,
            form.cleaned_data["registration_number"],
            form.cleaned_data["expires_on"],
        )
        messages.success(
            self.request,
            _("%(name)s is registered as %(number)s; %(email)s can now list products.")
            % {
                "name": producer.name_th,
                "number": producer.registration_number,
                "email": self.object.applicant.email,
            },
        )
        return None


class RevisionDecisionView(DecisionMixin, generic.DetailView):
    template_name = "producers/dashboard/revision_decision.html"
    context_object_name = "revision"
    queryset = ListingRevision.objects.select_related(
        "product__producer", "submitted_by"
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["changes"] = [
            (name, self._label(name), live, proposed)
            for name, (live, proposed) in self.object.changes().items()
        ]
        ctx["product"] = self.object.product
        return ctx

    @staticmethod
    def _label(name: str) -> str:
        if name == "images":
            return _("photos")
        if name == "certificates":
            return _("certificates")
        return ListingRevision._meta.get_field(name).verbose_name

    def approve(self):
        self.object.approve(self.request.user)
        messages.success(
            self.request,
            _("The change to “%(title)s” is live.") % {"title": self.object.title},
        )
        return None


class RegistrationUpdateView(generic.UpdateView):
    model = Producer
    form_class = RegistrationForm
    template_name = "producers/dashboard/registration_form.html"
    context_object_name = "producer"

    def form_valid(self, form):
        messages.success(
            self.request, _("Registration of %s updated.") % self.object.name_th
        )
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("dashboard:otop-review")


class RatingsView(generic.ListView):
    """Products to rate, searchable; tick one or many and award stars for a year."""

    template_name = "producers/dashboard/ratings.html"
    context_object_name = "products"
    paginate_by = 50

    def get_queryset(self):
        products = (
            Product.objects.filter(parent__isnull=True)
            .with_current_rating()
            .select_related("producer")
            .order_by("producer__name_th", "title")
        )
        q = self.request.GET.get("q", "").strip()
        if q:
            products = products.filter(
                Q(title__icontains=q)
                | Q(title_en__icontains=q)
                | Q(upc__iexact=q)
                | Q(producer__name_th__icontains=q)
                | Q(producer__registration_number__iexact=q)
            )
        if self.request.GET.get("unrated"):
            products = products.filter(opc_ratings__isnull=True)
        return products

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault(
            "form", RatingForm(initial={"year": timezone.localdate().year + 543})
        )
        ctx["q"] = self.request.GET.get("q", "")
        ctx["unrated"] = bool(self.request.GET.get("unrated"))
        return ctx

    def post(self, request, *args, **kwargs):
        form = RatingForm(request.POST)
        if not form.is_valid():
            self.object_list = self.get_queryset()
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        counts = award_stars(data["products"], data["stars"], data["year"])
        messages.success(
            request,
            _(
                "%(stars)s★ for %(year)s: %(created)s new, %(updated)s changed, "
                "%(unchanged)s already so."
            )
            % {
                "stars": data["stars"],
                "year": data["year"] + 543,
                **{k: counts[k] for k in ("created", "updated", "unchanged")},
            },
        )
        return HttpResponseRedirect(request.get_full_path())


class RatingsImportView(generic.FormView):
    """A selection round's results as a CSV file, through the registry importer."""

    form_class = OpcFileForm
    template_name = "producers/dashboard/csv_import.html"
    extra_context = {"import_title": _("Import OPC results")}

    def form_valid(self, form):
        try:
            rows = read_rows(form.cleaned_data["file"], OPC_COLUMNS)
        except RegistryFileError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        report = import_opc(rows, ImportReport())
        return self.render_to_response(
            self.get_context_data(form=OpcFileForm(), report=report)
        )


class ProducerProductMixin:
    """The product, looked up among those the user may change (404 for others)."""

    def get_product(self):
        products = Product.objects.select_related("parent", "producer")
        user = self.request.user
        if not user.is_staff:
            products = products.filter(partner_product_visibility_q(user)).distinct()
        return get_object_or_404(products, pk=self.kwargs["pk"])


class ProductRevisionView(ProducerProductMixin, generic.UpdateView):
    """Propose a new title, description, categories or photos for a listed product."""

    form_class = ListingRevisionForm
    template_name = "producers/dashboard/product_revision.html"
    context_object_name = "revision"

    def dispatch(self, request, *args, **kwargs):
        self.product = self.get_product()
        if not needs_review(self.product):
            messages.info(
                request, _("This product is not listed yet: edit it directly.")
            )
            return redirect("dashboard:catalogue-product", pk=self.product.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return ListingRevision.draft_for(self.product, self.request.user)

    def post(self, request, *args, **kwargs):
        # Photos of another product are no mistake: refuse rather than re-ask.
        revision = self.get_object()
        own = {
            "removed_images": self.product.images.values_list("pk", flat=True),
            "dropped_photos": revision.new_photos.values_list("pk", flat=True)
            if revision.pk
            else [],
        }
        for name, pks in own.items():
            if not set(request.POST.getlist(name)) <= {str(pk) for pk in pks}:
                raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["product"] = self.product
        ctx["last_decided"] = (
            self.product.revisions.exclude(status=ListingRevision.Status.PENDING)
            .order_by("-decided_at")
            .first()
        )
        return ctx

    def form_valid(self, form):
        form.instance.submitted_by = self.request.user
        form.save()
        messages.success(
            self.request,
            _(
                "Your change is waiting for approval; the shop shows the current version "
                "until then."
            ),
        )
        return redirect("dashboard:product-revision", pk=self.product.pk)


class ProductRevisionWithdrawView(ProducerProductMixin, generic.View):
    def post(self, request, *args, **kwargs):
        product = self.get_product()
        revision = get_object_or_404(ListingRevision.objects.pending(), product=product)
        revision.withdraw()
        messages.info(request, _("Your proposed change was withdrawn."))
        return redirect("dashboard:catalogue-product", pk=product.pk)


class ProductCertificatesView(ProducerProductMixin, generic.FormView):
    """A product's standards and certificates. A producer proposes one as a listing
    change (it waits with the product's pending revision until staff decide); a
    member of staff records one already verified."""

    form_class = CertificateForm
    template_name = "producers/dashboard/product_certificates.html"

    def dispatch(self, request, *args, **kwargs):
        self.product = self.get_product()
        if self.product.is_child:
            return redirect("dashboard:product-certificates", pk=self.product.parent_id)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["product"] = self.product
        ctx["certificates"] = (
            Certificate.objects.covering(self.product)
            .select_related("product")
            .order_by("-created_at")
        )
        ctx["today"] = timezone.localdate()
        return ctx

    @transaction.atomic
    def form_valid(self, form):
        certificate = form.save(commit=False)
        certificate.producer = self.product.producer
        if form.cleaned_data["applies_to"] == CertificateForm.FOR_PRODUCT:
            certificate.product = self.product
        user = self.request.user
        if user.is_staff:
            certificate.save()
            certificate.verify(user)
            messages.success(self.request, _("The certificate is recorded, verified."))
        else:
            certificate.save()
            revision = ListingRevision.draft_for(self.product, user)
            if revision.pk is None:
                revision.save()
                revision.categories.set(self.product.categories.all())
            revision.certificates.add(certificate)
            revision.save(update_fields=["updated_at"])
            messages.success(
                self.request,
                _(
                    "The certificate is waiting for the department to verify it; it "
                    "is shown in the shop once verified."
                ),
            )
        return redirect("dashboard:product-certificates", pk=self.product.pk)


class CertificatesImportView(generic.FormView):
    """Certificates from the department's records, as a CSV file."""

    form_class = CertificateFileForm
    template_name = "producers/dashboard/csv_import.html"
    extra_context = {"import_title": _("Import certificates")}

    def form_valid(self, form):
        try:
            rows = read_rows(form.cleaned_data["file"], CERTIFICATE_COLUMNS)
        except RegistryFileError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        report = import_certificates(rows, ImportReport())
        return self.render_to_response(
            self.get_context_data(form=CertificateFileForm(), report=report)
        )
