from django.db import models
from django.utils.translation import gettext_lazy as _


class City(models.Model):
    name = models.CharField(_("nazwa"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("miasto")
        verbose_name_plural = _("miasta")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A district (dzielnica) — an auxiliary unit of the municipality with its own council."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="districts")
    number = models.PositiveSmallIntegerField(_("numer"))
    roman = models.CharField(_("numer rzymski"), max_length=10, blank=True)
    name = models.CharField(_("nazwa"), max_length=150)
    population = models.PositiveIntegerField(_("liczba mieszkańców"), null=True, blank=True)
    boundary = models.JSONField(_("granica (GeoJSON)"), null=True, blank=True)

    class Meta:
        ordering = ["city", "number"]
        constraints = [
            models.UniqueConstraint(fields=["city", "number"], name="district_number_per_city")
        ]
        verbose_name = _("dzielnica")
        verbose_name_plural = _("dzielnice")

    def __str__(self) -> str:
        return f"{self.roman} {self.name}" if self.roman else self.name


class DistrictCouncil(models.Model):
    """The office's register entry of a district's council: its seats and e-mail. Who sits
    on it, and its work, are those of its council body (bodies.Body of the district-council
    kind), which also carries its name: districts.services.council_save keeps both."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="council")
    name = models.CharField(_("nazwa"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("liczba radnych"), default=15)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("rada dzielnicy")
        verbose_name_plural = _("rady dzielnic")

    def __str__(self) -> str:
        return self.name
