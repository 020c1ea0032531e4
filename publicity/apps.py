from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "publicity"
    verbose_name = _("Publicity")

    def ready(self):
        # The notice-day cache follows every change of what the public pages show (docs/decisions/0012).
        from publicity import signals

        signals.connect()
