"""Reads of the engine's data."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import TransitionLog
from .registry import kind_of


def history(obj: Model) -> QuerySet[TransitionLog]:
    try:
        model = kind_of(obj).model
    except LookupError:  # an audited object that is not a workflow
        model = type(obj)
    return TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(obj.pk)
    ).select_related("by")
