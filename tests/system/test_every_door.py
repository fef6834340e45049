"""Every transition of every registered kind, taken through every door on the same starting
data, ends in the same state: the object, its deadlines, its related rows, the audit entry
and the live event.

The cases come from the registry: a new kind or transition is walked automatically, and
fails here until `tests/system/builders.py` can build it and `PREPARE` below can meet its
conditions. Each door runs in a savepoint that is rolled back, so all doors start from the
very same rows. The doors:
- "api": POST /api/v1/workflows/<kind>/<id>/transitions/<name>/
- "page": POST /proces/<kind>/<id>/<name>/ (the dashboard, the meeting room, the minutes)
- the app endpoints in `ALIASES` (each a thin alias of advance())
- "deadline": `fire_due()` (what `run_deadlines` runs) for the transitions deadlines take
- "system": advance() by the SYSTEM actor, for transitions no person may take (the tally,
  the ballot list); every person's door must then refuse them and change nothing.
No websocket command takes a transition (the meeting room's commands are room actions).
"""

import json
import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from workflows import transitions
from workflows.accounts.models import Role
from workflows.conditions import failure_reasons
from workflows.deadlines import fire_due, set_deadline
from workflows.models import AuditEntry, Deadline, LiveEvent
from workflows.registry import kinds
from workflows.services import SYSTEM, advance

from .builders import BUILDERS, agreement_in

pytestmark = pytest.mark.django_db
REASON = "Uzasadnienie tej samej decyzji."
# Transitions a deadline takes (set by effects and services); end_state() checks that no
# other deadline appears, so a new one is added here and walked through fire_due().
DEADLINE_TAKEN = {
    ("edition", "close_voting"),
    ("proposal", "reject_uncorrected"),
    ("programme", "open_comments"),
    ("programme", "close_comments"),
    ("implementation_report", "mark_overdue"),
    ("edition", "erase_voter_links"),
    ("opinion", "record_no_opinion"),
    ("competition", "close_offers"),
    ("offer", "reject_uncorrected"),
    ("small_grant", "close_comments"),
    ("district_consultation", "close"),
    ("cooperation_report", "submit_to_council"),
}


# --- starting data: what each transition needs beyond its builder and its source state ---


def _edition_phase(edition, state: str, phase: str) -> None:
    from tests.budget.factories import schedule

    type(edition).objects.filter(pk=edition.pk).update(state=state)
    edition.refresh_from_db()
    schedule(edition, phase)


def _accepted_proposal(edition, extras):
    from tests.budget.factories import ProposalFactory
    from tests.consultations.factories import setup_staff

    ProposalFactory(pool=edition.pools.get(), state="accepted", author=setup_staff())
    return {}


def _counted(edition, extras):
    from budget.results.models import TallyRun

    TallyRun.objects.create(edition=edition, rule="greedy", tie_break="lot", input_digest="0")
    return {}


def _counted_box(edition, extras):
    """A real count: the amended count re-reads the box, so a stand-in TallyRun will not do."""

    from budget.results.services import count_edition
    from tests.budget.factories import ProposalFactory
    from tests.budget.results.conftest import cast
    from tests.consultations.factories import setup_staff

    pool = edition.pools.get()
    chosen, _other = (
        ProposalFactory(pool=pool, state="on_ballot", author=setup_staff()) for _ in range(2)
    )
    cast(edition, pool, chosen)
    count_edition(edition, by=SYSTEM, seed=1)
    return {
        "proposal": chosen.pk,
        "change": "withdraw",
        "resolution_number": "Uchwała nr XII/345/27 Rady Miasta Krakowa",
        "resolution_date": "2027-03-02",
    }


def _in_phase(state: str, phase: str):
    def prepare(proposal, extras):
        _edition_phase(proposal.edition, state, phase)
        return {}

    return prepare


def _correctable(proposal, extras):
    _edition_phase(proposal.edition, "verification", "verification")
    proposal.correction_due = timezone.now() + timedelta(days=3)
    proposal.save(update_fields=["correction_due"])
    return {}


def _uncorrected(proposal, extras):
    proposal.correction_due = timezone.now() - timedelta(hours=1)
    proposal.save(update_fields=["correction_due"])
    return {}


def _assessed(proposal, extras):
    proposal.verified_cost = proposal.estimated_cost
    proposal.save(update_fields=["verified_cost"])
    return {}


def _mergeable(proposal, extras):
    from budget.models import MergeRequest
    from tests.budget.factories import ProposalFactory

    target = ProposalFactory(
        pool=proposal.pool, state=proposal.state, unit=proposal.unit, author=proposal.author
    )
    now = timezone.now()
    MergeRequest.objects.create(
        source=proposal,
        target=target,
        requested_by=proposal.author,
        source_consent_at=now,
        target_consent_at=now,
    )
    return {"into": target.pk}


def _assessed_programme(report, extras):
    type(report).objects.filter(pk=report.pk).update(commentary={"summary": "Cele osiągnięto."})
    report.refresh_from_db()
    return {}


def _initiative_points(points: int, **fields):
    def prepare(initiative, extras):
        from grants.initiative import InitiativeAssessment

        criterion = initiative.resolution.criteria.get()
        InitiativeAssessment.objects.create(
            initiative=initiative, criterion=criterion, points=points
        )
        type(initiative).objects.filter(pk=initiative.pk).update(**fields)
        initiative.refresh_from_db()
        return {}

    return prepare


def _window(programme, extras):
    now = timezone.now()
    programme.comments_open_at = now - timedelta(days=10)
    programme.comments_close_at = now - timedelta(minutes=1)
    programme.save(update_fields=["comments_open_at", "comments_close_at"])
    return {}


def _chapters(programme, extras):
    from tests.consultations.factories import published_chapter

    published_chapter(programme)
    return {"comments_open_at": "2030-03-02T10:00", "comments_close_at": "2030-03-20T16:00"}


def _report_overdue(report, extras):
    report.due_on = timezone.localdate() - timedelta(days=10)
    report.save(update_fields=["due_on"])
    return {}


def _floor_taken(meeting, extras):
    from consultations.meetings import services

    moderator, member = extras["meeting moderator"], extras["team member (not moderator)"]
    item = meeting.items.order_by("position").first()
    services.open_item(meeting=meeting, item_id=item.pk, by=moderator)
    services.raise_hand(meeting=meeting, user=member)
    services.give_floor(meeting=meeting, by=moderator)
    services.raise_hand(meeting=meeting, user=moderator)
    return {}


def _protests_over(edition, extras):
    from tests.consultations.factories import setup_staff
    from workflows.services import record

    entry = record(edition, "publish_results", by=setup_staff())
    moved = timezone.now() - timedelta(days=edition.protest_days + 2)
    AuditEntry.objects.filter(pk=entry.pk).update(at=moved)
    return {}


def _submittable(programme, extras):
    from tests.consultations.factories import ProgrammeFactory, published_chapter

    complete = ProgrammeFactory()
    sections = [
        "main_goal",
        "specific_goals",
        "principles",
        "scope",
        "forms_of_cooperation",
        "implementation_method",
        "planned_funds",
        "evaluation_method",
        "creation_info",
        "committees_rules",
    ]
    for field in sections:
        setattr(programme, field, getattr(complete, field))
    programme.save(update_fields=sections)
    programme.priority_task_areas.set(complete.priority_task_areas.all())
    # Chapters are written in the drafting stage, before the consultation report.
    state = programme.state
    type(programme).objects.filter(pk=programme.pk).update(state="draft")
    published_chapter(programme)
    type(programme).objects.filter(pk=programme.pk).update(state=state)
    return {"submitted_on": "2026-10-20"}


def _adoption(request, extras):
    from bodies.models import Membership

    # Every member present, in the order the opinion's page lists them.
    today = timezone.localdate()
    in_term = Membership.objects.in_term(today).filter(body=request.body_id)
    members = list(in_term.values_list("person_id", flat=True))
    return {
        "text": "Komisja opiniuje projekt pozytywnie.",
        "stance": "positive",
        "procedure": "meeting",
        "adopted_on": timezone.localdate().isoformat(),
        "present": members,
        "votes": {str(pk): "for" for pk in members},
    }


def _opinion_overdue(request, extras):
    request.due_on = timezone.localdate() - timedelta(days=1)
    request.save(update_fields=["due_on"])
    return {}


def _offers_closed(competition, extras):
    competition.offers_deadline = timezone.now() - timedelta(hours=1)
    competition.save(update_fields=["offers_deadline"])
    return {}


def _scored_sheets(offer, member):
    from grants.models import Score

    for criterion in offer.competition.criteria.all():
        Score.objects.create(offer=offer, member=member, criterion=criterion, points=4)


def _commission_scored(competition, extras):
    from grants.models import Offer
    from tests.grants.conftest import add_offer
    from tests.grants.factories import OrganisationFactory

    member = competition.commission.get()
    member.declared_at = timezone.now() - timedelta(days=1)
    member.save(update_fields=["declared_at"])
    offer = add_offer(OrganisationFactory(), competition)
    Offer.objects.filter(pk=offer.pk).update(state="formally_accepted")
    _scored_sheets(offer, member)
    return {}


def _competition(state: str, **payload):
    def prepare(offer, extras):
        type(offer.competition).objects.filter(pk=offer.competition_id).update(state=state)
        if state == "scored":
            member = offer.competition.commission.get()
            _scored_sheets(offer, member)
        return dict(payload)

    return prepare


def _correction(hours: int):
    """The call is closed and the offer's correction deadline `hours` from now."""

    def prepare(offer, extras):
        type(offer.competition).objects.filter(pk=offer.competition_id).update(
            state="offers_closed"
        )
        deadline = timezone.now() + timedelta(hours=hours)
        type(offer).objects.filter(pk=offer.pk).update(correction_deadline=deadline)
        return {}

    return prepare


def _comments_over(grant, extras):
    grant.comments_close_at = timezone.now() - timedelta(hours=1)
    grant.save(update_fields=["comments_close_at"])
    return {}


def _round_over(consultation, extras):
    consultation.closes_at = timezone.now() - timedelta(hours=1)
    consultation.save(update_fields=["closes_at"])
    return {}


def _draft_open(suggestion, extras):
    # The draft exists before any door: each door then writes the same block into it.
    from consultations.services.chapters import create_version
    from consultations.services.suggestions import suggestion_chapter

    create_version(by=extras["team member"], chapter=suggestion_chapter(suggestion))
    return {}


def _estimate_updated(agreement, extras):
    """The organisation's estimate updated to the grant (the one tranche already adds up)."""

    from grants.agreement_services import update_estimate
    from tests.grants.agreement_fixtures import UPDATED

    rep = extras["representative of the offering organisation"]
    update_estimate(by=rep, agreement=agreement, cost_lines=UPDATED)
    return {"signed_on": "2027-08-20"}


def _final_report(state: str):
    """The final report in `state`: the agreement's report transitions follow it (the
    report's kind takes them as effects; every door here takes them on the agreement)."""

    def prepare(agreement, extras):
        from grants.agreement_services import write_report
        from grants.agreements import TaskReport
        from tests.grants.agreement_fixtures import report_body

        held = agreement.state
        agreement_rows = type(agreement).objects.filter(pk=agreement.pk)
        agreement_rows.update(state="signed")  # reports are written while the task runs
        rep = extras["representative of the offering organisation"]
        report = write_report(by=rep, agreement=agreement, **report_body(agreement))
        agreement_rows.update(state=held)
        TaskReport.objects.filter(pk=report.pk).update(state=state)
        # Both tranches' worth transferred: the accepted report settles against it.
        agreement.tranches.update(transferred_on=date(2027, 9, 1))
        return {}

    return prepare


def _return_paid(agreement, extras):
    from grants.agreement_services import record_return

    type(agreement).objects.filter(pk=agreement.pk).update(used="17399.50", to_return="600.50")
    agreement.refresh_from_db()
    record_return(
        by=agreement.created_by, agreement=agreement, amount="600.50", returned_on="2028-07-10"
    )
    return {}


def _resubmittable(report, extras):
    # A returned final report has sent its agreement back too; a draft's agreement runs.
    state = "report_returned" if report.state == "returned" else "signed"
    return agreement_in(state)(report, extras)


PREPARE = {
    ("chapter_suggestion", "accept"): _draft_open,
    ("edition", "open_voting"): _accepted_proposal,
    ("edition", "publish_results"): _counted,
    ("edition", "erase_voter_links"): _protests_over,
    ("edition", "amend_results"): _counted_box,
    ("proposal", "submit"): _in_phase("submission", "submission"),
    ("proposal", "resubmit"): _correctable,
    ("proposal", "appeal"): _in_phase("appeals", "appeals"),
    ("proposal", "reject_uncorrected"): _uncorrected,
    ("proposal", "accept_for_ballot"): _assessed,
    ("proposal", "merge"): _mergeable,
    ("proposal", "pass_formal_check"): lambda p, extras: {"unit": p.unit_id},
    ("programme", "publish_drafts"): _chapters,
    ("programme", "open_comments"): _window,
    ("programme", "close_comments"): _window,
    ("programme", "submit_to_council"): _submittable,
    ("programme", "record_first_reading"): lambda p, extras: {"held_on": "2026-10-28"},
    ("programme", "record_second_reading"): lambda p, extras: {"held_on": "2026-11-18"},
    ("programme", "record_council_vote"): lambda p, extras: {
        "resolution_number": "CXII/3057/26",
        "resolution_date": "2026-11-18",
        "votes_for": 30,
        "votes_against": 5,
        "votes_abstained": 2,
    },
    ("implementation_report", "mark_overdue"): _report_overdue,
    ("implementation_report", "publish"): lambda r, extras: {
        "url": "https://www.bip.krakow.pl/sprawozdanie.pdf",
        "published_on": "2028-05-20",
    },
    ("meeting", "close"): _floor_taken,
    ("opinion", "adopt"): _adoption,
    ("opinion", "record_no_opinion"): _opinion_overdue,
    ("district_consultation", "close"): _round_over,
    ("competition", "close_offers"): _offers_closed,
    ("competition", "score"): _commission_scored,
    ("offer", "submit"): _competition("published"),
    ("offer", "accept_formally"): _competition("offers_closed"),
    ("offer", "reject_formally"): _competition("offers_closed"),
    ("offer", "call_for_correction"): _competition("offers_closed"),
    ("offer", "resubmit"): _correction(24),
    ("offer", "reject_uncorrected"): _correction(-1),
    ("offer", "record_score"): _competition("scored"),
    ("offer", "grant"): _competition("scored", amount="15000.00"),
    ("offer", "refuse_grant"): _competition("scored"),
    ("small_grant", "close_comments"): _comments_over,
    ("cooperation_report", "mark_ready"): _assessed_programme,
    ("local_initiative", "assess"): _initiative_points(8),
    ("local_initiative", "accept"): _initiative_points(8, score="80.00"),
    ("local_initiative", "sign_agreement"): lambda i, extras: {"agreement_number": "IL/7/2027"},
    ("grant_agreement", "sign"): _estimate_updated,
    ("grant_agreement", "report_in"): _final_report("submitted"),
    ("grant_agreement", "report_back"): _final_report("returned"),
    ("grant_agreement", "report_accepted"): _final_report("accepted"),
    ("grant_agreement", "settle"): _return_paid,
    ("task_report", "submit"): _resubmittable,
    ("task_report", "accept"): agreement_in("report_submitted"),
    ("task_report", "send_back"): agreement_in("report_submitted"),
}

# App endpoints that take a transition: (kind, name) or (kind, "*") → url of the object.
ALIASES = {
    ("proposal", "*"): lambda pk, name: reverse("budget:proposal-decide", args=[pk, name]),
    ("proposal", "request_correction"): lambda pk, name: (
        f"/api/v1/budget/proposals/{pk}/correction/"
    ),
    ("meeting", "open"): lambda pk, name: f"/api/v1/meetings/{pk}/open/",
    ("meeting", "close"): lambda pk, name: f"/api/v1/meetings/{pk}/close/",
    ("meeting", "publish_minutes"): lambda pk, name: f"/api/v1/meetings/{pk}/minutes/publish/",
    ("opinion", "adopt"): lambda pk, name: reverse("bodies:opinion", args=[pk]),
    ("chapter_suggestion", "*"): lambda pk, name: f"/api/v1/consultations/suggestions/{pk}/{name}/",
    ("chapter_suggestion", "accept"): lambda pk, name: reverse(
        "consultations:suggestion-accept", args=[pk]
    ),
    ("chapter_suggestion", "reject"): lambda pk, name: reverse(
        "consultations:suggestion-reject", args=[pk]
    ),
}


def _cases():
    for kind_name, kind in sorted(kinds().items()):
        for tr in sorted(transitions.declared(kind), key=lambda t: (t.name, str(t.source))):
            yield pytest.param(
                kind_name, tr.name, tr.source, id=f"{kind_name}.{tr.name}@{tr.source}"
            )


# --- the end state, without what differs by construction (row ids, the moment) ---


def _plain(value):
    if isinstance(value, datetime):
        near_now = abs(value - timezone.now()) < timedelta(minutes=10)
        return "<now>" if near_now else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return re.sub(r"\d\d:\d\d", "HH:MM", value)  # minutes text names the hour
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _row(obj) -> tuple:
    return tuple(
        (f.attname, repr(_plain(getattr(obj, f.attname))))
        for f in obj._meta.concrete_fields
        if not f.primary_key
    )


def _related(obj) -> dict:
    rows = {}
    for rel in obj._meta.related_objects:
        if rel.many_to_many or not rel.field.concrete:
            continue
        manager = rel.related_model._default_manager
        found = manager.filter(**{rel.field.name: obj.pk})
        rows[rel.related_model._meta.label] = sorted(_row(r) for r in found)
    return rows


def end_state(kind, obj) -> dict:
    obj = kind.queryset().get(pk=obj.pk)
    taken = {(d.content_type.model, d.transition) for d in Deadline.objects.all()}
    assert taken <= {(kinds()[k].model._meta.model_name, n) for k, n in DEADLINE_TAKEN}
    own = {"content_type__model": obj._meta.model_name, "object_id": str(obj.pk)}
    entry = AuditEntry.objects.filter(**own).order_by("id").last()
    event = (
        LiveEvent.objects.filter(stream=kind.stream_for(obj), type="transition")
        .order_by("seq")
        .last()
    )
    return {
        "object": _row(obj),
        "related": _related(obj),
        "deadlines": sorted(
            (d.transition, _plain(d.due_at), d.legal_basis)
            for d in Deadline.objects.filter(fired_at__isnull=True, **own)
        ),
        "audit": entry
        and {
            "kind": entry.kind,
            "action": entry.action,
            "from": entry.from_state,
            "to": entry.to_state,
            "by": entry.by_label,
            "reason": entry.reason,
            # As typed in: a form sends "30" where JSON sends 30 (typed input is issue 16.2).
            "payload": {k: str(v) for k, v in _plain(entry.payload).items()},
        },
        "event": event and _plain(event.payload),
    }


def _as_system(state: dict) -> dict:
    """What the SYSTEM actor's door may differ in: who, and the reason it gives."""

    state = {**state}
    if state["audit"]:
        state["audit"] = {**state["audit"], "by": "*", "reason": "*"}
    if state["event"]:
        state["event"] = {**state["event"], "by": "*", "reason": "*"}
    return state


# --- the doors ---


def _api(client, url, body):
    return client.post(url, body, format="json").status_code


def _typed_in(value) -> str:
    # A list or an object (an opinion's votes) is typed into the text input as JSON.
    return json.dumps(value) if isinstance(value, list | dict) else str(value)


def _page(client, url, body):
    return client.post(url, {k: _typed_in(v) for k, v in body.items()}).status_code


def _adoption_form(client, url, body):
    """The opinion's own page: one mark per member in term instead of `present` and `votes`."""

    marks = {f"vote_{pk}": "present" for pk in body["present"]}
    marks.update({f"vote_{pk}": vote for pk, vote in body["votes"].items()})
    fields = {k: str(v) for k, v in body.items() if k not in ("present", "votes")}
    return _page(client, url, {**fields, **marks})


# Aliases that are pages (a form, not JSON), by the start of their url.
PAGES = {
    "/budzet": _page,
    "/organy/opinie/": _adoption_form,
    "/konsultacje/propozycje/": _page,
}


def _doors(kind_name, name, pk, actor):
    api_url = f"/api/v1/workflows/{kind_name}/{pk}/transitions/{name}/"
    page_url = reverse("workflow-take", args=[kind_name, pk, name])
    doors = {"api": (_api, api_url), "page": (_page, page_url)}
    for key in ((kind_name, name), (kind_name, "*")):
        if key in ALIASES:
            alias = ALIASES[key](pk, name)
            post = next((p for prefix, p in PAGES.items() if alias.startswith(prefix)), _api)
            doors[f"alias {alias}"] = (post, alias)
    return doors


def _actor(kind, tr, obj, extras, make_user):
    staff = make_user(Role.COUNCIL_STAFF)
    coordinator = make_user(Role.COORDINATING_TEAM)
    for user in [*extras.values(), staff, coordinator]:
        if transitions.permitted(tr, obj, user):
            return user, staff
    return None, staff


def _in_savepoint(take):
    """Run `take()` and return its result, then undo every row it wrote."""

    with transaction.atomic():
        result = take()
        transaction.set_rollback(True)
    return result


@pytest.fixture
def one_moment():
    """Every door at the same moment: a period a transition starts (7 days for comments on
    a small grant) ends at the same time whichever door started it."""

    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.mark.parametrize(("kind_name", "name", "source"), list(_cases()))
def test_every_door_gives_the_same_end_state(
    kind_name, name, source, make_user, client, api_as, settings, one_moment
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert kind_name in BUILDERS, f"{kind_name}: add a builder to tests/system/builders.py"
    kind = kinds()[kind_name]
    obj, extras = BUILDERS[kind_name](make_user)
    kind.model._default_manager.filter(pk=obj.pk).update(**{kind.state_field: source})
    obj.refresh_from_db()
    payload = PREPARE.get((kind_name, name), lambda o, e: {})(obj, extras)
    obj.refresh_from_db()
    tr = transitions.lookup(kind, obj, name)
    assert failure_reasons(tr.conditions, obj) == [], f"{kind_name}.{name}: arrange its conditions"
    reason = REASON if tr.custom.get("reason_required") else ""
    actor, staff = _actor(kind, tr, obj, extras, make_user)
    body = {**({"reason": reason} if reason else {}), **payload}
    before = end_state(kind, obj)

    ends, refusals = {}, {}
    doors = _doors(kind_name, name, obj.pk, actor or staff)
    for door, (post, url) in doors.items():

        def through_http(post=post, url=url):
            client.force_login(actor or staff)
            status = post(api_as(actor or staff) if post is _api else client, url, body)
            return status, end_state(kind, obj)

        status, ends[door] = _in_savepoint(through_http)
        refusals[door] = status
    if actor is None:
        # Nobody may take it: every person's door refuses and changes nothing.
        assert all(state == before for state in ends.values()), refusals
        assert {refusals[door] for door, (post, _) in doors.items() if post is _api} == {403}
        ends = {}
    else:
        assert all(s < 400 for s in refusals.values()), refusals

    def by_system():
        advance(obj, name, by=SYSTEM, reason=REASON)
        return end_state(kind, obj)

    def by_deadline():
        set_deadline(obj, name, timezone.now() - timedelta(seconds=1), "termin testowy")
        fired = fire_due()
        assert [d.outcome for d in fired] == ["fired"]
        return end_state(kind, obj)

    if actor is None:
        ends["system"] = _in_savepoint(by_system)
    if (kind_name, name) in DEADLINE_TAKEN:
        ends["deadline"] = _in_savepoint(by_deadline)

    first = next(iter(ends.values()))
    # A transition to the same state may leave the row as it was (an amendment writes rows
    # of its own), never without its audit entry.
    assert first["object"] != before["object"] or (
        tr.source == tr.target and first["audit"] != before["audit"]
    )
    assert dict(first["object"])[kind.state_field] == repr(str(tr.target))
    compare = _as_system if {"system", "deadline"} & set(ends) else (lambda s: s)
    for door, state in ends.items():
        assert compare(state) == compare(first), f"{door} differs from {next(iter(ends))}"
