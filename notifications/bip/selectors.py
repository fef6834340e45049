"""Reads of the bundles: the index of one subject in a fixed number of queries."""

from django.db.models import Prefetch

from budget.selectors import public_editions
from consultations.models import Programme
from consultations.models.programme import PUBLIC_STATES
from workflows.registry import get_kind

from .models import Document, File, Subject, Version

FILE_FIELDS = ("id", "version_id", "extension", "size", "sha256")


def subject_object(subject: str, key: int, user):
    """The programme (by id) or the edition (by year) if `user` may see it, else None."""

    kind = get_kind(subject)
    lookup = {"year": key} if subject == Subject.EDITION else {"pk": key}
    obj = kind.model.objects.filter(**lookup).first()
    return obj if obj is not None and kind.can_view(user, obj) else None


def documents(subject: str, subject_id: int) -> list[Document]:
    """Every document of a bundle, each with `history` (newest version first, each with its
    files but not their bytes) and each version's metryczka dates."""

    files = Prefetch("files", queryset=File.objects.only(*FILE_FIELDS))
    versions = Prefetch(
        "versions", queryset=Version.objects.order_by("-number").prefetch_related(files)
    )
    found = list(
        Document.objects.filter(subject=subject, subject_id=subject_id).prefetch_related(versions)
    )
    for document in found:
        document.history = list(document.versions.all())
        first = document.history[-1] if document.history else None
        for version in document.history:
            version.first_published_at = first.published_at
            version.changed_at = version.published_at if version.number > 1 else None
    return [d for d in found if d.history]


def file_of(subject: str, subject_id: int, code: str, ext: str, number: int | None) -> File | None:
    """One stored file: of version `number`, or of the latest version when None."""

    files = File.objects.filter(
        version__document__subject=subject,
        version__document__subject_id=subject_id,
        version__document__code=code,
        extension=ext,
    ).select_related("version__document")
    if number is not None:
        return files.filter(version__number=number).first()
    return files.order_by("-version__number").first()


def published_subjects() -> dict[str, list]:
    """The public programmes and editions that have documents in the BIP (three queries)."""

    pairs = set(Document.objects.values_list("subject", "subject_id").distinct())
    ids = {subject: {pk for s, pk in pairs if s == subject} for subject in Subject.values}
    return {
        "programmes": list(
            Programme.objects.filter(pk__in=ids[Subject.PROGRAMME], state__in=PUBLIC_STATES)
        ),
        "editions": list(public_editions().filter(pk__in=ids[Subject.EDITION]).order_by("-year")),
    }
