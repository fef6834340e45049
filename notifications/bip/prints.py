"""PDFs rendered by the task worker, never in the request (a PDF takes seconds).

A print is kept under the digest of its HTML source. A download renders only the HTML
(cheap) and looks its digest up: found, it is served; missing, one task is enqueued to
render exactly that source and the page says the file is being prepared. A change of
content changes the digest, so a stale PDF is never served. The bundles' regeneration
renders through `pdf` too, so after a transition the downloads are ready, and a document
whose content did not change is not rendered again. Prints older than `KEEP` are removed
as new ones are stored.
"""

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from consultations.report import pdf_from_html

from .models import Print

KEEP = timedelta(days=30)
# While a render is queued, further requests for the same source do not enqueue another.
PENDING_SECONDS = 300


def digest_of(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def prepared_pdf(template: str, context: dict) -> bytes | None:
    """The PDF of `template` with `context` if the worker has rendered it; else None, with
    its rendering enqueued (once)."""

    html = render_to_string(template, context)
    digest = digest_of(html)
    found = Print.objects.filter(digest=digest).values_list("content", flat=True).first()
    if found is not None:
        return bytes(found)
    if cache.add(f"print-pending:{digest}", True, PENDING_SECONDS):
        from .tasks import render_print

        render_print.enqueue(html)
    return None


def pdf(template: str, context: dict) -> bytes:
    """The PDF of `template` with `context`, rendered now unless already kept (the
    worker's side: the bundles and the downloads' task)."""

    return store_print(render_to_string(template, context))[1]


def store_print(html: str) -> tuple[bool, bytes]:
    """Render and keep one source; (whether it was rendered now, the PDF). Running it
    twice renders it once."""

    digest = digest_of(html)
    found = Print.objects.filter(digest=digest).values_list("content", flat=True).first()
    if found is not None:
        return False, bytes(found)
    content = pdf_from_html(html)
    try:
        with transaction.atomic():
            Print.objects.create(digest=digest, content=content)
    except IntegrityError:
        return False, content  # another worker stored the same source meanwhile
    Print.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return True, content
