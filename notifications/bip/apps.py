from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BipConfig(AppConfig):
    name = "notifications.bip"
    label = "bip"
    verbose_name = _("Biuletyn Informacji Publicznej")
