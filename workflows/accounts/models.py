"""People, their roles and the organisations they represent.

Global roles are Django groups named by `Role` (one place to grant them); object-level roles
(a moderator of *this* meeting, a verifier of *this* unit) live next to the objects in each app.
"""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("mieszkaniec")
    ORGANISATION_REP = "organisation_rep", _("przedstawiciel organizacji")
    SECTOR_TEAM_MEMBER = "sector_team_member", _("członek zespołu sektorowego")
    MODERATOR = "moderator", _("moderator")
    COORDINATING_TEAM = "coordinating_team", _("zespół koordynujący")
    COUNCIL_STAFF = "council_staff", _("pracownik urzędu")
    VERIFIER = "verifier", _("weryfikator (jednostka miejska)")
    ADMINISTRATOR = "administrator", _("administrator")


class User(AbstractUser):
    display_name = models.CharField(_("imię i nazwisko"), max_length=150, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


krs_validator = RegexValidator(r"^\d{10}$", _("Numer KRS to dokładnie 10 cyfr (np. 0000123456)."))


class Organisation(models.Model):
    """A non-governmental organisation, identified in the National Court Register (KRS)."""

    name = models.CharField(_("nazwa"), max_length=300)
    krs = models.CharField(_("numer KRS"), max_length=10, unique=True, validators=[krs_validator])
    representatives = models.ManyToManyField(
        User, related_name="organisations", blank=True, verbose_name=_("przedstawiciele")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizacja")
        verbose_name_plural = _("organizacje")

    def __str__(self) -> str:
        return f"{self.name} (KRS {self.krs})"
