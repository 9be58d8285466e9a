from django.urls import path

from .views import ShipmentDetailView, ShipmentListView

app_name = "producer"
urlpatterns = [
    path("shipments/", ShipmentListView.as_view(), name="shipments"),
    path("shipments/<int:pk>/", ShipmentDetailView.as_view(), name="shipment"),
]
