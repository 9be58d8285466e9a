"""Geography is reference data loaded from geothai; the admin only searches it."""

from django.contrib import admin

from .models import Tambon


@admin.register(Tambon)
class TambonAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "district"]
    search_fields = [
        "code",
        "name_th",
        "name_en",
        "district__name_th",
        "district__name_en",
    ]
    list_select_related = ["district"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
