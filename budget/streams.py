"""The live stream of an edition and of everything in it (its proposals, its turnout)."""


def stream_of(obj) -> str:
    """`edition.<id>` for an edition, an object of an edition, or an edition's id."""

    if isinstance(obj, int):
        return f"edition.{obj}"
    return f"edition.{getattr(obj, 'edition_id', None) or obj.pk}"
