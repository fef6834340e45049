"""What a person may follow, by the short name used in URLs."""

from django.apps import apps

from workflows.registry import kind_of

FOLLOWABLE = {
    "proposal": "budget.Proposal",
    "edition": "budget.Edition",
    "programme": "consultations.Programme",
    "chapter": "consultations.Chapter",
    "district": "districts.District",
}


def model_of(target: str):
    label = FOLLOWABLE.get(target)
    return apps.get_model(label) if label else None


def name_of(obj) -> str | None:
    label = obj._meta.label
    return next((name for name, model in FOLLOWABLE.items() if model == label), None)


def can_view(user, obj) -> bool:
    """Following shows what happens to an object: only to those who may see it."""

    if name_of(obj) == "chapter":
        obj = obj.programme
    try:
        kind = kind_of(obj)
    except LookupError:
        return True  # districts are public
    return bool(kind.can_view(user, obj))


def name_of_type(content_type) -> str | None:
    """The short name of a followed object's type (a Follow's content type)."""

    label = f"{content_type.app_label}.{content_type.model}"
    return next((name for name, model in FOLLOWABLE.items() if model.lower() == label), None)
