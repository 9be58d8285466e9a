"""Address options as JSON, for the optional script that refreshes checkout's address
lists in place (without JavaScript the form reloads itself)."""

from __future__ import annotations

from django import http
from django.views import generic

from .address import districts_of, label, tambons_of


class AddressOptionsView(generic.View):
    """The districts of a province, or the tambons (with postcodes) of a district."""

    def get(self, request, *args, **kwargs):
        if "province" in request.GET:
            districts = districts_of(request.GET["province"])
            options = [{"code": d.code, "name": label(d)} for d in districts]
        elif "district" in request.GET:
            tambons = tambons_of(request.GET["district"])
            options = [
                {"code": t.code, "name": label(t), "postcodes": t.postcodes}
                for t in tambons
            ]
        else:
            return http.HttpResponseBadRequest("province or district required")
        options.sort(key=lambda option: option["name"])
        response = http.JsonResponse({"options": options})
        response["Cache-Control"] = "public, max-age=86400"
        return response
