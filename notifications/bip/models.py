"""What the city publishes in its Public Information Bulletin (BIP) for a programme or an
edition: documents, each in versions that stay downloadable, each version with its files
(PDF, CSV, JSON) and its metryczka (rozporządzenie MSWiA z 18 stycznia 2007 r. w sprawie
Biuletynu Informacji Publicznej, § 10 ust. 1 pkt 5: who prepared the information, who
published it, when it was created and when published; changes are registered, § 10 ust. 3).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    PROGRAMME = "programme", _("program współpracy")
    EDITION = "edition", _("edycja budżetu obywatelskiego")


class Document(models.Model):
    """One document of a bundle, e.g. the consultation report of programme 7."""

    subject = models.CharField(max_length=20, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField()
    code = models.SlugField(max_length=60)
    title = models.CharField(_("tytuł"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["subject", "subject_id", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "subject_id", "code"], name="one_bip_document_per_code"
            )
        ]
        verbose_name = _("dokument w BIP")
        verbose_name_plural = _("dokumenty w BIP")

    def __str__(self) -> str:
        return self.title


class Version(models.Model):
    """A version of a document: a new one only when its files change (their digest)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    digest = models.CharField(max_length=64)
    # The metryczka of this version.
    prepared_by = models.CharField(_("wytworzył"), max_length=200)
    produced_at = models.DateTimeField(_("data wytworzenia"))
    published_by = models.CharField(_("opublikował"), max_length=200)
    published_at = models.DateTimeField(_("data publikacji wersji"))

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_bip_version_number")
        ]
        verbose_name = _("wersja dokumentu w BIP")
        verbose_name_plural = _("wersje dokumentów w BIP")

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class File(models.Model):
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="files")
    extension = models.CharField(max_length=8)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["version", "extension"]
        constraints = [
            models.UniqueConstraint(fields=["version", "extension"], name="one_bip_file_per_format")
        ]

    def __str__(self) -> str:
        return f"{self.version}.{self.extension}"


class Print(models.Model):
    """A PDF rendered by the task worker for a download, kept under the digest of its HTML
    source: the same content is rendered once, a changed one anew (never in a request)."""

    digest = models.CharField(max_length=64, unique=True)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("wydruk PDF")
        verbose_name_plural = _("wydruki PDF")

    def __str__(self) -> str:
        return f"{self.digest[:12]} ({len(self.content)} B)"
