"""Reads of the engine's data."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import Deadline, TransitionLog
from .registry import kind_of


def history(obj: Model) -> QuerySet[TransitionLog]:
    model = kind_of(obj).model if _is_workflow(obj) else type(obj)
    return TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(obj.pk)
    ).select_related("by")


def deadlines_of(obj: Model) -> QuerySet[Deadline]:
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    )


def _is_workflow(obj) -> bool:
    try:
        kind_of(obj)
    except LookupError:
        return False
    return True
