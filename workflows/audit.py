"""The hash-chained audit log: appending and verifying.

Appends are serialised by locking the single `AuditHead` row, so two transactions can
never chain onto the same previous hash.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _normalise(payload: dict) -> dict:
    # Store exactly what we hash: Decimals, dates and the like become their JSON text once.
    return json.loads(json.dumps(payload or {}, cls=DjangoJSONEncoder, sort_keys=True))


def row_hash(row: AuditEntry) -> str:
    content = {
        "type": f"{row.content_type.app_label}.{row.content_type.model}",
        "object_id": str(row.object_id),
        "kind": row.kind,
        # Hashed under its first name, so entries written before the rename still verify.
        "transition": row.action,
        "from": row.from_state,
        "to": row.to_state,
        "by": row.by_id,
        "by_label": row.by_label,
        "at": row.at.astimezone(UTC).isoformat(),
        "reason": row.reason,
        "payload": row.payload,
        "prev": row.prev_hash,
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def actor_fields(by) -> dict:
    user = by if getattr(by, "pk", None) is not None else None
    return {"by": user, "by_label": str(by) if by is not None else "system"}


def append(
    obj,
    *,
    kind: str,
    action: str,
    by,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    payload: dict | None = None,
) -> AuditEntry:
    """Append one entry about `obj`; must run inside the caller's transaction."""

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.append() must run inside a transaction")
    head, _ = AuditHead.objects.select_for_update(of=("self",)).get_or_create(id=1)
    row = AuditEntry(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        kind=kind,
        action=action,
        from_state=from_state,
        to_state=to_state,
        at=timezone.now(),
        reason=reason,
        payload=_normalise(payload or {}),
        prev_hash=head.last_hash,
        **actor_fields(by),
    )
    row.hash = row_hash(row)
    row.save()
    head.last_hash = row.hash
    head.count += 1
    head.save(update_fields=["last_hash", "count"])
    return row


@dataclass
class Problem:
    row_id: int | None
    message: str


_checks: list = []


def register_check(check) -> None:
    """An app's own integrity check, run by verify(): `check() -> list[Problem]`."""

    if check not in _checks:
        _checks.append(check)


def verify() -> list[Problem]:
    """Walk the chain; report edited rows, broken links (deleted rows) and truncation;
    then run the apps' own checks (e.g. the seals of ballots)."""

    problems: list[Problem] = []
    previous = GENESIS
    count = 0
    rows = AuditEntry.objects.select_related("content_type").order_by("id")
    for row in rows.iterator(chunk_size=2000):
        count += 1
        if row.prev_hash != previous:
            problems.append(Problem(row.id, "link broken: a previous entry was removed or altered"))
        if row_hash(row) != row.hash:
            problems.append(Problem(row.id, "content does not match its hash: entry was edited"))
        previous = row.hash
    head = AuditHead.objects.filter(id=1).first()
    if head is not None and (head.last_hash != previous or head.count != count):
        problems.append(
            Problem(None, f"chain ends at {count} entries but {head.count} were written")
        )
    for check in _checks:
        problems.extend(check())
    return problems
