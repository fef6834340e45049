"""Tracking selected projects until they are built (or abandoned)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Implementation(models.Model):
    """The works on a selected project. Its status is the proposal's state (selected =
    planned, in implementation, completed, abandoned): one state machine, not two."""

    proposal = models.OneToOneField(
        "budget.Proposal", on_delete=models.CASCADE, related_name="implementation"
    )
    unit = models.ForeignKey(
        "budget.CityUnit", on_delete=models.PROTECT, verbose_name=_("jednostka realizująca")
    )
    actual_cost = models.DecimalField(
        _("koszt poniesiony (zł)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    planned_completion = models.DateField(_("planowane zakończenie"), null=True, blank=True)
    # Art. 5a ust. 4 u.s.g.: the selected projects are included in the budget resolution.
    budget_resolution_number = models.CharField(
        _("uchwała budżetowa obejmująca projekt"), max_length=200, blank=True
    )
    budget_resolution_date = models.DateField(_("data uchwały budżetowej"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realizacja projektu")
        verbose_name_plural = _("realizacja projektów")

    def __str__(self) -> str:
        return str(self.proposal)


class ProgressNote(models.Model):
    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField(_("opis postępu"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.text[:50]


class ProjectPhoto(models.Model):
    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("zdjęcie"), upload_to="budget/photos/%Y/")
    alt_text = models.CharField(_("opis zdjęcia (dla czytników ekranu)"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.alt_text
