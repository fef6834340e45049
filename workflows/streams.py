"""Resolve a stream name to who may read it and its snapshot.

Apps register their own streams (`live.register_stream`); every workflow kind without a
custom stream gets `<kind>.<id>` for free, readable by whoever may view the object.
"""

from .describe import describe
from .live import STREAM_RE, StreamType, stream_type
from .parsing import parse_id
from .registry import WorkflowKind, get_kind


def _kind_stream(kind: WorkflowKind) -> StreamType:
    def find(key):
        pk = parse_id(key)
        return kind.queryset().filter(pk=pk).first() if pk else None

    def can_read(user, key) -> bool:
        obj = find(key)
        return obj is not None and kind.can_view(user, obj)

    def snapshot(key, user) -> dict:
        return describe(kind, find(key), user, with_history=False)

    return StreamType(kind.name, can_read, snapshot)


def resolve(stream: str) -> tuple[StreamType, str] | None:
    found = stream_type(stream)
    if found:
        return found
    match = STREAM_RE.match(stream or "")
    kind = get_kind(match["prefix"]) if match else None
    if kind is None or kind.stream is not None:
        return None
    return _kind_stream(kind), match["key"]
