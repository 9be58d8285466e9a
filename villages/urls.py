"""Storefront routes of the villages app (under the /th/ and /en/ prefixes)."""

from django.urls import path

from . import browse as places
from .open_data import OpenDataView

app_name = "villages"

urlpatterns = [
    path("open-data/", OpenDataView.as_view(), name="open-data"),
    path("places/", places.PlacesIndexView.as_view(), name="places"),
    path("places/region/<slug:code>/", places.RegionView.as_view(), name="region"),
    path("places/province/<str:code>/", places.ProvinceView.as_view(), name="province"),
    path("places/district/<str:code>/", places.DistrictView.as_view(), name="district"),
    path("places/tambon/<str:code>/", places.TambonView.as_view(), name="tambon"),
]
