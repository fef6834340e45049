"""What a programme needs before it goes to the council (GOV.UK's "task list" pattern).

Art. 5a ust. 4 of the 2003 Act lists the 11 sections a programme must contain; the round adds
that every chapter is published and every comment answered. The same items are the page's
checklist and the reasons `submit_to_council` is refused with, so the two never disagree.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bodies.conditions import rdpp_opinion_settled
from bodies.selectors import active_rdpp


@dataclass(frozen=True)
class Item:
    label: str
    done: bool
    detail: str = ""
    where: str = "sections"  # the page (a consultations URL name) where it is done


# (art. 5a ust. 4 pkt, label, is the section filled)
SECTIONS = [
    (
        1,
        gettext_lazy("cel główny i cele szczegółowe"),
        lambda p: bool(p.main_goal.strip() and p.specific_goals),
    ),
    (2, gettext_lazy("zasady współpracy"), lambda p: bool(p.principles.strip())),
    (3, gettext_lazy("zakres przedmiotowy"), lambda p: bool(p.scope.strip())),
    (4, gettext_lazy("formy współpracy"), lambda p: bool(p.forms_of_cooperation)),
    (
        5,
        gettext_lazy("priorytetowe zadania publiczne"),
        lambda p: p.priority_task_areas.exists(),
    ),
    (6, gettext_lazy("okres realizacji programu"), lambda p: bool(p.year_from and p.year_to)),
    (
        7,
        gettext_lazy("sposób realizacji programu"),
        lambda p: bool(p.implementation_method.strip()),
    ),
    (8, gettext_lazy("wysokość planowanych środków"), lambda p: p.planned_funds is not None),
    (9, gettext_lazy("sposób oceny realizacji"), lambda p: bool(p.evaluation_method.strip())),
    (
        10,
        gettext_lazy("informacja o sposobie tworzenia programu i przebiegu konsultacji"),
        lambda p: bool(p.creation_info.strip()),
    ),
    (
        11,
        gettext_lazy("tryb powoływania i zasady działania komisji konkursowych"),
        lambda p: bool(p.committees_rules.strip()),
    ),
]


def missing_sections(programme) -> list[str]:
    return [
        _("pkt %(n)d: %(label)s") % {"n": n, "label": label}
        for n, label, filled in SECTIONS
        if not filled(programme)
    ]


def unpublished_chapters(programme) -> list[str]:
    return [
        str(chapter) for chapter in programme.chapters.exclude(versions__published_at__isnull=False)
    ]


def unanswered_comments(programme) -> int:
    return programme.comments.filter(answer__isnull=True).count()


def items(programme) -> list[Item]:
    """The task list: each section, then the chapters, the comments and, where the city
    has a public-benefit council, its opinion."""

    rows = [
        Item(_("Sekcja %(n)d: %(label)s") % {"n": n, "label": label}, filled(programme))
        for n, label, filled in SECTIONS
    ]
    chapters = list(programme.chapters.all())
    unpublished = unpublished_chapters(programme)
    rows.append(
        Item(
            _("Rozdziały zespołów sektorowych opublikowane"),
            bool(chapters) and not unpublished,
            ", ".join(unpublished) if chapters else _("Program nie ma rozdziałów."),
            "chapters",
        )
    )
    left = unanswered_comments(programme)
    rows.append(
        Item(
            _("Odpowiedź na każdą uwagę"),
            left == 0,
            _("Bez odpowiedzi: %(n)d.") % {"n": left} if left else "",
            "queue",
        )
    )
    rdpp = active_rdpp()
    if rdpp is not None:
        waiting = rdpp_opinion_settled.reason(programme)
        rows.append(
            Item(
                _("Opinia: %(body)s") % {"body": rdpp.name},
                waiting is None,
                waiting or "",
                "rdpp-opinion",
            )
        )
    return rows
