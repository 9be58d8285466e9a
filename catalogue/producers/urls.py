"""/producers/: public profiles, applying to the register, following an application."""

from django.urls import path

from . import views

app_name = "producers"

urlpatterns = [
    path("apply/", views.ApplyView.as_view(), name="apply"),
    path("application/", views.ApplicationListView.as_view(), name="application"),
    path(
        "<str:registration_number>/",
        views.ProducerProfileView.as_view(),
        name="profile",
    ),
]
