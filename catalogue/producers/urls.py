from django.urls import path

from . import views

app_name = "producers"

urlpatterns = [
    path("apply/", views.ApplyView.as_view(), name="apply"),
    path("application/", views.ApplicationListView.as_view(), name="application"),
]
