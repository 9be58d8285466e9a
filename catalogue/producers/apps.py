from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "catalogue.producers"
    label = "producers"  # the app label its migrations and permissions use
    verbose_name = _("Producer self-service")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .staff import set_up

        post_migrate.connect(set_up, sender=self, dispatch_uid="producers.set_up")
