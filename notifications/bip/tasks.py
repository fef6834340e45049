"""The bundles and the PDF downloads are rendered by the task worker (PDFs take seconds),
never in a request."""

from django.tasks import task

from .prints import store_print
from .services import publish_bundle


@task
def regenerate(subject: str, subject_id: int, published_by: str) -> int:
    return len(publish_bundle(subject=subject, subject_id=subject_id, published_by=published_by))


@task
def render_print(html: str) -> bool:
    rendered, _content = store_print(html)
    return rendered
