"""Asking for a stock alert from a cached product page.

An out-of-stock product page offers "e-mail me when it is back"; with a CSRF token in
that form the page could not be shared (the token sets a cookie). So the form posts
here without one, and is accepted on the same proof as the add-to-basket forms
(`basket_add.comes_from_this_site`: `Sec-Fetch-Site: same-origin`, and an `Origin`
naming this site). Anything else gets a page asking to confirm, whose form carries a
normal CSRF token and posts to Oscar's own alert view.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from oscar.core.loading import get_class, get_model

from .basket_add import comes_from_this_site

ProductAlertCreateView = get_class("customer.alerts.views", "ProductAlertCreateView")
ProductAlertForm = get_class("customer.forms", "ProductAlertForm")
Product = get_model("catalogue", "Product")

_oscar_create = ProductAlertCreateView.as_view()


@csrf_exempt  # checked here instead: see the module's docstring
@require_POST
def alert_from_page(request: HttpRequest, pk: int) -> HttpResponse:
    if comes_from_this_site(request):
        return _oscar_create(request, pk=pk)
    product = get_object_or_404(Product.objects.browsable(), pk=pk)
    form = ProductAlertForm(user=request.user, product=product)
    email = request.POST.get("email", "")
    if "email" in form.fields and len(email) <= 254:
        form.initial["email"] = email
    return render(
        request,
        "oscar/customer/alerts/confirm_create.html",
        {"product": product, "alert_form": form},
    )
