from django.urls import path

from .language import ProducerLanguageView
from .statements import OwnStatementsView
from .views import ShipmentDetailView, ShipmentListView

app_name = "producer"
urlpatterns = [
    path("shipments/", ShipmentListView.as_view(), name="shipments"),
    path("shipments/<int:pk>/", ShipmentDetailView.as_view(), name="shipment"),
    path("statements/", OwnStatementsView.as_view(), name="statements"),
    path("statements/<str:month>/", OwnStatementsView.as_view(), name="statement"),
    path("language/", ProducerLanguageView.as_view(), name="language"),
]
