"""Adding to the basket from a cached page.

A page shared by every anonymous visitor cannot carry a CSRF token (the token is
per visitor, and rendering one sets a cookie). Its add-to-basket forms post here
without one, and the request is accepted only when the browser itself proves it comes
from this site: `Sec-Fetch-Site: same-origin` (sent by every current browser, and no
page can forge it), and an `Origin` header, when there is one, naming this site (or
one of CSRF_TRUSTED_ORIGINS). These are the checks Django's CSRF middleware makes of
`Origin` before it looks at the token. Anything else — a form on another site, an old
browser that sends neither header — gets a confirmation page whose form carries a
normal CSRF token and posts to Oscar's own basket view: nothing is added without the
visitor pressing a button on this site. Pages of this site cannot be framed
(X-Frame-Options), so that button cannot be clicked through a disguise.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from oscar.core.loading import get_class, get_model

BasketAddView = get_class("basket.views", "BasketAddView")
Product = get_model("catalogue", "Product")

_oscar_add = BasketAddView.as_view()


def comes_from_this_site(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if fetch_site is None and origin is None:
        return False
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    if origin is not None:
        here = f"{request.scheme}://{request.get_host()}"
        if origin != here and origin not in settings.CSRF_TRUSTED_ORIGINS:
            return False
    return True


@csrf_exempt  # checked here instead: see the module's docstring
@require_POST
def add_from_page(request: HttpRequest, pk: int) -> HttpResponse:
    if comes_from_this_site(request):
        return _oscar_add(request, pk=pk)
    product = get_object_or_404(Product.objects.browsable(), pk=pk)
    quantity = request.POST.get("quantity", "1")
    if not quantity.isdigit():
        quantity = "1"
    return render(
        request,
        "oscar/basket/confirm_add.html",
        {"product": product, "quantity": quantity},
    )
