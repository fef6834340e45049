"""An edition's schedule read at write time: each phase's window is checked by the write."""

from django.utils.translation import gettext as _

from workflows.deadlines import ensure_within
from workflows.errors import OutsideWindow


def phase_of(edition, kind: str):
    # Prefetched phases (edition.phases.all()) are used when present: no extra query.
    for phase in edition.phases.all():
        if phase.kind == kind:
            return phase
    return None


def ensure_open(edition, kind: str, action: str) -> None:
    """409 with the window when `action` comes outside the `kind` phase (or it is not set)."""

    phase = phase_of(edition, kind)
    if phase is None:
        raise OutsideWindow(
            _("%(action)s: harmonogram edycji nie określa tego etapu.") % {"action": action}
        )
    ensure_within(phase.opens_at, phase.closes_at, action)


def outside_reason(edition, kind: str, action: str) -> str | None:
    """The same check as a condition's reason (None when open)."""

    try:
        ensure_open(edition, kind, action)
    except OutsideWindow as exc:
        return exc.message
    return None
