"""People, their roles and the organisations they represent.

Global roles are Django groups named by `Role` (one place to grant them); object-level roles
(a moderator of *this* meeting, a verifier of *this* unit) live next to the objects in each app.
"""

import rules
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
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
    # Set when the owner, signed in, opens the link sent to `email`; only then may a password
    # reset go there (a mistyped address may be a stranger's).
    email_confirmed_at = models.DateTimeField(_("e-mail potwierdzony"), null=True, blank=True)
    # When the person signing up confirmed reading the privacy notice (art. 13 RODO): the
    # processing rests on art. 6 ust. 1 lit. e and c, the moment is kept as proof of notice.
    privacy_accepted_at = models.DateTimeField(
        _("zapoznanie z informacją o danych osobowych"), null=True, blank=True
    )

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def has_perm(self, perm, obj=None) -> bool:
        # The site's own permissions (each app's rules.py) hold for a superuser only as for an
        # administrator: Django's shortcut would make them the author of every proposal.
        if rules.perm_exists(perm):
            return rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)


krs_validator = RegexValidator(r"^\d{10}$", _("Numer KRS to dokładnie 10 cyfr (np. 0000123456)."))


class OrganisationKind(models.TextChoices):
    NGO = "ngo", _("organizacja pozarządowa (art. 3 ust. 2)")
    # Art. 3 ust. 3: church legal persons, associations of local governments, social
    # cooperatives, non-profit companies and sports clubs; some have no KRS number.
    ART_3_3 = "art_3_3", _("podmiot z art. 3 ust. 3 ustawy")


class Organisation(models.Model):
    """A non-governmental organisation or an art. 3 ust. 3 entity, with its KRS number where
    it has one (an ordinary association or a church legal person may not)."""

    name = models.CharField(_("nazwa"), max_length=300)
    kind = models.CharField(
        _("rodzaj"), max_length=10, choices=OrganisationKind, default=OrganisationKind.NGO
    )
    krs = models.CharField(
        _("numer KRS"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[krs_validator],
    )
    regon = models.CharField(_("REGON"), max_length=14, blank=True)
    register = models.CharField(
        _("rejestr lub dokument (bez KRS)"),
        max_length=300,
        blank=True,
        help_text=_("Np. ewidencja stowarzyszeń zwykłych starosty, nr wpisu."),
    )
    representatives = models.ManyToManyField(
        User, related_name="organisations", blank=True, verbose_name=_("przedstawiciele")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizacja")
        verbose_name_plural = _("organizacje")

    def __str__(self) -> str:
        return f"{self.name} (KRS {self.krs})" if self.krs else self.name

    def clean(self):
        self.krs = self.krs or None  # unique: many entities without KRS, none share one
        if self.krs is None and not self.register.strip():
            raise ValidationError(
                {"krs": _("Podaj numer KRS albo rejestr, z którego wynika istnienie podmiotu.")}
            )


class RepresentationClaim(models.Model):
    """A person asks to speak for an organisation; one of its representatives confirms it
    (or council staff, for an organisation that has none yet)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="representation_claims")
    note = models.CharField(_("funkcja lub upoważnienie"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_claim_per_person_and_organisation"
            )
        ]
        verbose_name = _("zgłoszenie przedstawiciela")
        verbose_name_plural = _("zgłoszenia przedstawicieli")

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"
