from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("Villages and places")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .image_filters import image_tags_share_filters
        from .images import distinct_srcset_widths
        from .pictures import image_tags_remembered
        from .renditions import cached_renditions_read_only
        from .slugs import allow_thai_page_slugs

        allow_thai_page_slugs()
        distinct_srcset_widths()
        cached_renditions_read_only()
        image_tags_share_filters()
        image_tags_remembered()
