"""The state machine of a suggestion to change a chapter: open → accepted | rejected.

A sector team's consensus in a meeting becomes a suggestion (meetings.ChapterSuggestion);
the chapter's writers decide it. Accepting puts the text into the chapter's next version
(the effect `consultations.effects.apply_suggestion`, whichever door takes the transition);
rejecting needs a reason, kept on the suggestion and in the audit log.

Imported by the models (no model imports here at module level).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from workflows.conditions import condition
from workflows.permissions import perm

WRITERS_ONLY = _(
    "O propozycji decydują autorzy rozdziału: jego zespół sektorowy (przed publikacją) "
    "albo zespół koordynujący (tekst końcowy)."
)


class SuggestionState(models.TextChoices):
    OPEN = "open", _("czeka na decyzję")
    ACCEPTED = "accepted", _("przyjęta")
    REJECTED = "rejected", _("odrzucona")


@condition
def chapter_in_drafting(suggestion):
    from .services.suggestions import suggestion_chapter

    if suggestion_chapter(suggestion) is None:
        return _("Zespół nie ma teraz rozdziału, którego tekst można zmieniać.")
    return None


class SuggestionFlow:
    """Transitions of `ChapterSuggestion`; bodies only set the suggestion's own fields."""

    @transition(
        field="state",
        source=SuggestionState.OPEN,
        target=SuggestionState.ACCEPTED,
        conditions=[chapter_in_drafting],
        permission=perm("consultations.decide_suggestion"),
        custom={
            "label": _("Przyjmij propozycję do rozdziału"),
            "denied": WRITERS_ONLY,
            "input": "consultations.inputs.SuggestionPlacementInput",
        },
    )
    def accept(self, *, by, anchor: str = "", kind: str = ""):
        """Where the text goes (`anchor`, `kind`) is the effect's to apply."""

        self.decided_by = by if getattr(by, "pk", None) else None
        self.decided_at = timezone.now()

    @transition(
        field="state",
        source=SuggestionState.OPEN,
        target=SuggestionState.REJECTED,
        permission=perm("consultations.decide_suggestion"),
        custom={
            "label": _("Odrzuć propozycję"),
            "denied": WRITERS_ONLY,
            "reason_required": True,
        },
    )
    def reject(self, *, by, reason: str):
        self.decided_by = by if getattr(by, "pk", None) else None
        self.decided_at = timezone.now()
        self.reason = reason.strip()
