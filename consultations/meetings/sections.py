"""The parts of a chapter a meeting's agenda item or a body's opinion may work on (apart from
the models: the bodies app, which the meetings import, names them too)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """Parts of a sector team's chapter an agenda item may work on."""

    SWOT = "swot", _("analiza SWOT")
    GOALS = "goals", _("cele")
    ACTIONS = "actions", _("działania")
