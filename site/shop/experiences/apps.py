from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperiencesConfig(AppConfig):
    name = "shop.experiences"
    label = "experiences"
    verbose_name = _("Village experiences")
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        from . import freshness

        freshness.connect()
