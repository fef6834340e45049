"""Writing the bundles: one function, one transaction per subject."""

import hashlib

from django.db import transaction
from django.utils import timezone

from .models import Document, File, Version
from .sources import SOURCES, Draft


def digest_of(files: dict[str, bytes]) -> str:
    parts = [f"{ext}:{hashlib.sha256(data).hexdigest()}" for ext, data in sorted(files.items())]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _store(subject: str, subject_id: int, draft: Draft, published_by: str) -> Version | None:
    document, _created = Document.objects.get_or_create(
        subject=subject,
        subject_id=subject_id,
        code=draft.code,
        defaults={"title": draft.title, "position": draft.position},
    )
    # The document's row lock orders two regenerations of the same bundle: the second
    # sees the first's version and adds nothing when the content is the same.
    document = Document.objects.select_for_update(of=("self",)).get(pk=document.pk)
    latest = document.versions.order_by("-number").only("number", "digest").first()
    digest = digest_of(draft.files)
    if latest and latest.digest == digest:
        return None
    document.title = draft.title
    document.save(update_fields=["title"])
    version = Version.objects.create(
        document=document,
        number=latest.number + 1 if latest else 1,
        digest=digest,
        prepared_by=draft.prepared_by[:200],
        produced_at=draft.produced_at,
        published_by=published_by[:200],
        published_at=timezone.now(),
    )
    File.objects.bulk_create(
        File(
            version=version,
            extension=ext,
            content=data,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        for ext, data in sorted(draft.files.items())
    )
    return version


@transaction.atomic
def publish_bundle(*, subject: str, subject_id: int, published_by: str) -> list[Version]:
    """Regenerate the bundle of a programme or an edition; returns the new versions (a
    document gets one only when its files differ from its latest version)."""

    model, drafts_of = SOURCES[subject]
    obj = model.objects.filter(pk=subject_id).first()
    if obj is None:
        return []
    stored = (_store(subject, subject_id, d, published_by) for d in drafts_of(obj))
    return [v for v in stored if v]
