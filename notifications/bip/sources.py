"""What a bundle holds: the documents that exist for a programme or an edition in its
current state, each rendered from the data (the same data always gives the same bytes, so
a version changes only when the content does).
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from bodies.models import OpinionRequest, OpinionState
from bodies.selectors import programme_of, programme_opinions
from budget.models import Edition, EditionState, Proposal, ProposalState
from budget.results import selectors as results
from consultations import report
from consultations.meetings.minutes import MINUTES_PRINT, minutes_print_context, minutes_text
from consultations.meetings.models import Meeting, MeetingState
from consultations.models import Programme
from consultations.models.programme import State
from workflows.selectors import history

from .models import Subject
from .prints import pdf

# The consultation report exists from its publication on (and stays when the council
# returns the programme: the next report is a new version).
REPORT_STATES = {
    State.REPORT_PUBLISHED,
    State.SUBMITTED,
    State.FIRST_READING,
    State.SECOND_READING,
    State.ADOPTED,
    State.RETURNED,
    State.ANSWERING,
    State.FINAL_TEXT_PREPARED,
}


@dataclass(frozen=True)
class Draft:
    code: str
    title: str
    position: int
    files: dict[str, bytes]
    prepared_by: str
    produced_at: datetime


def as_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode()


def _last(obj, *actions):
    return history(obj).filter(action__in=actions).order_by("-id").first()


def _programme_text(programme: Programme) -> Draft:
    made = _last(programme, "prepare_final_text", "publish_drafts")
    chapters = [
        {"title": c.title, "sector_team": c.sector_team.name}
        for c in programme.chapters.select_related("sector_team").order_by("pk")
    ]
    data = {
        "title": programme.title,
        "period": programme.period_label,
        "kind": programme.kind,
        "legal_basis": str(programme.legal_basis),
        "main_goal": programme.main_goal,
        "specific_goals": programme.specific_goals,
        "principles": programme.principles,
        "scope": programme.scope,
        "forms_of_cooperation": programme.forms_of_cooperation,
        "planned_funds": programme.planned_funds,
        "chapters": chapters,
        "resolution_number": programme.resolution_number,
        "resolution_date": programme.resolution_date,
    }
    adopted = programme.state == State.ADOPTED
    return Draft(
        code="program",
        title=_("Program współpracy") if adopted else _("Projekt programu współpracy"),
        position=10,
        files={
            "pdf": pdf(report.PROGRAMME_PRINT, report.document_context(programme)),
            "json": as_json(data),
        },
        prepared_by=made.by_label if made else _("urząd miasta"),
        produced_at=made.at if made else programme.created_at,
    )


def _consultation_report(programme: Programme) -> Draft | None:
    published = _last(programme, "publish_report")
    if programme.state not in REPORT_STATES or published is None:
        return None
    [header, *rows] = list(report.csv_rows(programme))
    return Draft(
        code="raport-z-konsultacji",
        title=_("Raport z konsultacji"),
        position=20,
        files={
            "pdf": pdf(report.REPORT_PRINT, report.report_print_context(programme)),
            "csv": report.csv_text([header, *rows]).encode(),
            "json": as_json([dict(zip(header, row, strict=True)) for row in rows]),
        },
        prepared_by=published.by_label,
        produced_at=published.at,
    )


def meetings_of(programme: Programme):
    """Meetings whose minutes are published and belong to the programme's record: those of
    its sector teams, and those of the bodies that voted there on an opinion asked about the
    programme or one of its chapters."""

    teams = Q(
        team__in=programme.chapters.values("sector_team"), starts_at__gte=programme.created_at
    )
    bodies = Q(body__isnull=False, motions__opinion__in=programme_opinions(programme).values("pk"))
    published = Meeting.objects.filter(teams | bodies, state=MeetingState.PUBLISHED)
    return (
        Meeting.objects.filter(pk__in=published.values("pk"))
        .select_related("moderator", "team", "body")
        .order_by("pk")
    )


def _minutes(meeting: Meeting) -> Draft:
    text = minutes_text(meeting)
    # A body's meeting names its body; a team's keeps the key its minutes always had.
    host = (
        {"body": meeting.body.name}
        if meeting.is_body_meeting
        else {"sector_team": meeting.team.name}
    )
    data = {
        "title": meeting.title,
        **host,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "minutes": text,
    }
    return Draft(
        code=f"protokol-spotkania-{meeting.pk}",
        title=_("Protokół spotkania: %(title)s") % {"title": meeting.title},
        position=30,
        files={
            "pdf": pdf(MINUTES_PRINT, minutes_print_context(meeting)),
            "json": as_json(data),
        },
        prepared_by=str(meeting.moderator),
        produced_at=meeting.closed_at or meeting.ends_at,
    )


# Art. 41i of the 2003 Act: a body's opinion is public; so is the record that none came.
SETTLED_OPINIONS = (OpinionState.ADOPTED, OpinionState.NOT_GIVEN)


def _opinion(opinion: OpinionRequest) -> Draft:
    settled = _last(opinion, "adopt", "record_no_opinion")
    roll_call = [
        {"member": str(v.membership.person), "vote": v.get_vote_display()}
        for v in opinion.votes.all()
    ]
    data = {
        "body": opinion.body.name,
        "subject": opinion.subject,
        "due_on": opinion.due_on,
        "state": opinion.get_state_display(),
        "stance": opinion.get_stance_display() if opinion.is_adopted else "",
        "procedure": opinion.get_procedure_display() if opinion.is_adopted else "",
        "adopted_on": opinion.adopted_on,
        "late": opinion.late,
        "text": opinion.text,
        "proposed_wording": opinion.proposed_wording,
        "members": opinion.members_count,
        "present": opinion.present_count,
        "votes_for": opinion.votes_for,
        "votes_against": opinion.votes_against,
        "votes_abstained": opinion.votes_abstained,
        "roll_call": roll_call,
    }
    if opinion.is_adopted:
        title = _("Opinia: %(body)s — %(subject)s")
    else:
        title = _("Brak opinii w terminie: %(body)s — %(subject)s")
    title = title % {"body": opinion.body.name, "subject": opinion.subject}
    pdf = report.pdf(
        "bip/opinion_print.html", {"opinion": opinion, "title": title, "roll_call": roll_call}
    )
    return Draft(
        code=f"opinia-{opinion.pk}",
        title=title,
        position=25,
        files={"pdf": pdf, "json": as_json(data)},
        prepared_by=opinion.body.name,
        produced_at=settled.at if settled else opinion.requested_at,
    )


def programme_drafts(programme: Programme) -> list[Draft]:
    if not programme.is_public:
        return []
    drafts = [_programme_text(programme), _consultation_report(programme)]
    drafts += [_opinion(o) for o in programme_opinions(programme) if o.state in SETTLED_OPINIONS]
    drafts += [_minutes(m) for m in meetings_of(programme)]
    return [d for d in drafts if d]


RESULT_HEADER = [
    "pula",
    "projekt",
    "tytuł",
    "koszt",
    "głosy",
    "punkty",
    "wybrany",
    "kolejność wyboru",
    "uzasadnienie",
]


def _results(edition: Edition) -> Draft | None:
    run = results.run_with_results(edition)
    if edition.state != EditionState.RESULTS_PUBLISHED or run is None:
        return None
    pools = results.pools_with_projects(run)
    by_pool = [
        (
            pool,
            [
                [
                    pool.pool.name,
                    p.proposal_id,
                    p.proposal.title,
                    p.cost,
                    p.votes,
                    p.score,
                    "tak" if p.selected else "nie",
                    p.selection_order or "",
                    p.reason,
                ]
                for p in pool.project_results
            ],
        )
        for pool in pools
    ]
    data = {
        "edition": edition.year,
        "rule": run.rule,
        "tie_break": run.tie_break,
        "ballots": run.ballots,
        "input_digest": run.input_digest,
        "pools": [
            {
                "name": pool.pool.name,
                "amount": pool.amount,
                "spent": pool.spent,
                "voters": pool.voters,
                "projects": [dict(zip(RESULT_HEADER[1:], r[1:], strict=True)) for r in rows],
            }
            for pool, rows in by_pool
        ],
    }
    rows = [row for _pool, pool_rows in by_pool for row in pool_rows]
    printed = pdf("bip/results_print.html", {"edition": edition, "run": run, "pools": pools})
    return Draft(
        code="wyniki",
        title=_("Wyniki głosowania"),
        position=10,
        files={
            "pdf": printed,
            "csv": report.csv_text([RESULT_HEADER, *rows]).encode(),
            "json": as_json(data),
        },
        prepared_by=str(run.by) if run.by else "system",
        produced_at=run.finished_at or run.started_at,
    )


# The verification's outcome is public from the appeals on (the list to appeal against).
VERIFIED_STATES = {
    EditionState.APPEALS,
    EditionState.VOTING,
    EditionState.VOTING_CLOSED,
    EditionState.RESULTS_PUBLISHED,
}
PROPOSAL_HEADER = [
    "projekt",
    "tytuł",
    "pula",
    "koszt szacunkowy",
    "koszt po weryfikacji",
    "status",
    "powód odrzucenia",
    "rozstrzygnięcie odwołania",
]


def _proposals(edition: Edition) -> Draft | None:
    made = _last(edition, "open_voting", "open_appeals")
    if edition.state not in VERIFIED_STATES or made is None:
        return None
    proposals = (
        Proposal.objects.filter(edition=edition)
        .exclude(state=ProposalState.DRAFT)
        .select_related("pool")
        .order_by("pool_id", "pk")
    )
    rows = [
        [
            p.pk,
            p.title,
            p.pool.name,
            p.estimated_cost,
            p.verified_cost if p.verified_cost is not None else "",
            p.get_state_display(),
            p.rejection_reason,
            p.appeal_decision,
        ]
        for p in proposals
    ]
    printed = pdf(
        "bip/proposals_print.html", {"edition": edition, "header": PROPOSAL_HEADER, "rows": rows}
    )
    return Draft(
        code="projekty",
        title=_("Projekty i wynik ich weryfikacji"),
        position=5,
        files={
            "pdf": printed,
            "csv": report.csv_text([PROPOSAL_HEADER, *rows]).encode(),
            "json": as_json([dict(zip(PROPOSAL_HEADER, row, strict=True)) for row in rows]),
        },
        prepared_by=made.by_label,
        produced_at=made.at,
    )


def edition_drafts(edition: Edition) -> list[Draft]:
    return [d for d in [_proposals(edition), _results(edition)] if d]


SOURCES = {
    Subject.PROGRAMME: (Programme, programme_drafts),
    Subject.EDITION: (Edition, edition_drafts),
}


def subjects_of_meeting(meeting: Meeting) -> list[tuple[str, int]]:
    """The programmes whose bundles hold a meeting's minutes: those its team drafts, or for
    a body's meeting those it voted an opinion on."""

    if meeting.is_body_meeting:
        opinions = OpinionRequest.objects.filter(motions__meeting=meeting).distinct()
        ids = {programme_of(o) for o in opinions.select_related("content_type")} - {None}
        return [(Subject.PROGRAMME, pk) for pk in sorted(ids)]
    chapters = Q(chapters__sector_team=meeting.team_id)
    ids = Programme.objects.filter(chapters, created_at__lte=meeting.starts_at).values_list(
        "pk", flat=True
    )
    return [(Subject.PROGRAMME, pk) for pk in sorted(set(ids))]


def subjects_of_opinion(opinion: OpinionRequest) -> list[tuple[str, int]]:
    """The bundle an opinion belongs to: its programme's, when it concerns one."""

    programme = programme_of(opinion)
    return [] if programme is None else [(Subject.PROGRAMME, programme)]
