"""The site's URLconf with the floor view in front of it."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config.urls import urlpatterns as site_urlpatterns

BODY = ("<p>" + "x" * 96 + "</p>\n") * 295  # 30 KB of HTML


@never_cache  # a bare view: the page cache must not answer for it
def floor(request):
    return HttpResponse(BODY)


urlpatterns = [path("floor/", floor), *site_urlpatterns]
