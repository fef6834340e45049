"""A small workflow used only to test the engine itself."""

import rules
from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from rest_framework import serializers

from workflows.accounts.roles import is_council_staff
from workflows.conditions import condition

rules.add_perm("engine_app.decide_petition", is_council_staff)


class AcceptanceInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


@condition
def has_signatures(petition):
    if petition.signatures < petition.signatures_needed:
        return f"Zebrano {petition.signatures} z {petition.signatures_needed} wymaganych podpisów."
    return None


@condition
def has_title(petition):
    return None if petition.title.strip() else "Petycja nie ma tytułu."


def is_owner(petition, user) -> bool:
    return petition.owner_id is not None and petition.owner_id == getattr(user, "pk", None)


class Petition(ConcurrentTransitionMixin, models.Model):
    title = models.CharField(max_length=200, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    is_public = models.BooleanField(default=True)
    signatures = models.PositiveIntegerField(default=0)
    signatures_needed = models.PositiveIntegerField(default=0)
    note = models.TextField(blank=True)
    state = FSMField(
        default="draft",
        protected=True,
        choices=[
            ("draft", "szkic"),
            ("submitted", "złożona"),
            ("accepted", "przyjęta"),
            ("rejected", "odrzucona"),
            ("closed", "zamknięta"),
        ],
    )

    def __str__(self) -> str:
        return self.title or f"Petycja {self.pk}"

    @transition(
        field=state,
        source="draft",
        target="submitted",
        permission=is_owner,
        custom={"label": "Złóż", "denied": "Tylko autor może złożyć petycję."},
    )
    def submit(self):
        pass

    @transition(
        field=state,
        source="submitted",
        target="accepted",
        conditions=[has_title, has_signatures],
        permission="engine_app.decide_petition",
        custom={
            "label": "Przyjmij",
            "denied": "Tylko pracownik urzędu rozpatruje petycje.",
            "input": AcceptanceInput,
        },
    )
    def accept(self, *, note: str = ""):
        self.note = note

    @transition(
        field=state,
        source="submitted",
        target="rejected",
        permission="engine_app.decide_petition",
        custom={
            "label": "Odrzuć",
            "reason_required": True,
            "denied": "Tylko pracownik urzędu rozpatruje petycje.",
        },
    )
    def reject(self):
        pass

    @transition(
        field=state,
        source=["draft", "submitted"],
        target="closed",
        permission="engine_app.decide_petition",
        custom={"label": "Zamknij"},
    )
    def close(self):
        pass
