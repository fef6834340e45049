"""The writes of the bodies app: one function per action, one transaction each."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.models import Edition
from districts.models import DistrictCouncil
from workflows.deadlines import set_deadline
from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.services import record
from workflows.timeutil import city_tz, end_of_day

from . import district_opinions, selectors, targets
from .models import Body, BodyKind, MemberRole, Membership, OpinionRequest

MAX_SUBJECT = 300
# The 2003 Act gives the public-benefit council at least 7 days for an opinion (art. 41i
# ust. 1 with art. 5 ust. 5 of the consultation rules); staff may give more, never less.
MIN_DAYS = 7


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise NotPermitted(_("Tę czynność wykonuje pracownik urzędu."))


@transaction.atomic
def create_body(*, by, **fields) -> Body:
    """A council, commission or district council set up by staff (the page's form cleaned
    the fields); audited like the body's other changes. A district council's entry in the
    districts register takes the body's name."""

    _require(by, "bodies.manage_body")
    body = Body.objects.create(**fields)
    record(body, "body_created", by=by, payload={"name": body.name, "kind": body.kind})
    if body.kind == BodyKind.DISTRICT_COUNCIL and body.district_id:
        DistrictCouncil.objects.filter(district=body.district_id).update(name=body.name)
    return body


def district_council_in_term(district_id: int, *, by, name: str) -> Body:
    """The district's council in term today (the one that gives opinions), named `name`;
    set up, with the district's statute as its basis, when the district has none in term.
    Called inside the districts register's save (districts.services.council_save)."""

    body = selectors.district_council(district_id)
    if body is None:
        body = Body.objects.create(
            kind=BodyKind.DISTRICT_COUNCIL,
            district_id=district_id,
            name=name,
            legal_basis=_("Statut dzielnicy"),
            term_start=selectors.today(),
        )
        record(body, "body_created", by=by, payload={"name": body.name, "kind": body.kind})
    elif body.name != name:
        body.name = name
        body.save(update_fields=["name"])
    return body


def set_councillors(*, by, body: Body, people) -> None:
    """The council's members in term become exactly `people`: newcomers join today as
    members (their functions are set on the body's page), the others' terms end yesterday
    (a membership entered today is a correction and is removed). Called inside
    districts.services.council_save."""

    today = timezone.localdate(timezone=city_tz())
    current = {m.person_id: m for m in Membership.objects.in_term(today).filter(body=body)}
    wanted = {p.pk: p for p in people}
    for person_id, membership in current.items():
        if person_id in wanted:
            continue
        if membership.term_start >= today:
            membership.delete()
        else:
            membership.term_end = today - timedelta(days=1)
            membership.save(update_fields=["term_end"])
    Membership.objects.bulk_create(
        Membership(body=body, person=person, role=MemberRole.MEMBER, term_start=today)
        for person_id, person in wanted.items()
        if person_id not in current
    )
    record(body, "councillors_set", by=by, payload={"members": sorted(wanted)})


@transaction.atomic
def request_opinion(*, by, body: Body, target, subject: str, due_on: date) -> OpinionRequest:
    """Ask `body` for its opinion on `target` (any workflow object) by `due_on`."""

    _require(by, "bodies.request_opinion")
    if targets.name_of(target) is None:
        raise InvalidInput(_("O opinię można prosić tylko w sprawie procesu lub jego dokumentu."))
    reason = district_opinions.refusal(body, target)
    if reason:
        raise Conflict(reason)
    subject = (subject or "").strip()
    if not subject or len(subject) > MAX_SUBJECT:
        raise InvalidInput(
            _("Podaj przedmiot opinii (najwyżej %(n)d znaków).") % {"n": MAX_SUBJECT},
            field="subject",
        )
    today = timezone.localdate(timezone=city_tz())
    if not Body.objects.in_term(today).filter(pk=body.pk).exists():
        raise InvalidInput(_("Kadencja tego organu nie trwa."), field="body")
    if (due_on - today).days < MIN_DAYS:
        raise InvalidInput(
            _("Organ ma na opinię co najmniej %(days)d dni.") % {"days": MIN_DAYS},
            field="due_on",
        )
    request = OpinionRequest.objects.create(
        body=body,
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=target.pk,
        subject=subject,
        due_on=due_on,
        requested_by=by,
    )
    set_deadline(
        request,
        "record_no_opinion",
        end_of_day(due_on),
        legal_basis=_("termin na opinię wyznaczony we wniosku"),
    )
    record(request, "opinion_requested", by=by, payload={"due_on": due_on.isoformat()})
    return request


@transaction.atomic
def request_district_opinions(*, by, edition: Edition, due_on: date) -> int:
    """Ask each district council for its opinion on every project of its district pool still
    under verification and not asked about yet; returns how many were asked."""

    _require(by, "bodies.request_opinion")
    # Locked: two clicks at once must not ask a council twice about a project.
    edition = Edition.objects.select_for_update(of=("self",)).get(pk=edition.pk)
    reason = district_opinions.edition_refusal(edition)
    if reason:
        raise Conflict(reason, state=edition.state)
    councils = district_opinions.councils_in_term(timezone.localdate(timezone=city_tz()))
    proposals = district_opinions.unasked(edition, councils)
    for proposal in proposals:
        request_opinion(
            by=by,
            body=councils[proposal.pool.district_id],
            target=proposal,
            subject=(_("Opinia o projekcie: %(title)s") % {"title": proposal.title})[:MAX_SUBJECT],
            due_on=due_on,
        )
    return len(proposals)


@transaction.atomic
def add_member(
    *, by, body: Body, person, role: str, term_start: date, term_end=None, organisation=None
) -> Membership:
    _require(by, "bodies.manage_body", body)
    if term_end is not None and term_end < term_start:
        raise InvalidInput(_("Koniec kadencji członka musi być po jej początku."), field="term_end")
    return Membership.objects.create(
        body=body,
        person=person,
        role=role,
        term_start=term_start,
        term_end=term_end,
        organisation=organisation,
    )
