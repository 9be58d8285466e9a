from django.urls import path

from . import host_views, views

app_name = "experiences"
urlpatterns = [
    path("book/", views.choose_slot, name="choose"),
    path("slots/<int:pk>/", views.SlotBookingView.as_view(), name="slot"),
    path(
        "bookings/<int:pk>/cancel/",
        views.CancelBookingView.as_view(),
        name="cancel-booking",
    ),
    path("host/", host_views.HostBookingsView.as_view(), name="host"),
    path(
        "host/bookings/<int:pk>/attendance/",
        host_views.BookingAttendanceView.as_view(),
        name="host-attendance",
    ),
    path(
        "host/slots/<int:pk>/close/",
        host_views.CloseSlotView.as_view(),
        name="host-close-slot",
    ),
]
