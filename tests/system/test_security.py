"""Bad input and security across the apps: stored XSS, CSRF, secrets in logs, and tampering
with the audit trail (password guessing: tests/accounts/test_login_limits.py)."""

import logging
import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from budget.models import Ballot, BallotChoice, CityUnit
from consultations.models import Chapter, Programme, SectorTeam
from consultations.models.programme import State
from consultations.services import chapters as chapter_services
from consultations.services.comments import answer_comment, submit_comment
from consultations.services.programmes import add_chapter, create_programme
from tests.budget.factories import ProposalFactory
from tests.system.builders import meeting as build_meeting
from tests.system.voting import ballot_body, pesel_of, voting_edition
from workflows.accounts.models import Organisation, Role
from workflows.models import AuditEntry
from workflows.services import advance

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
RAW = re.compile(r"<script>alert\(|<img src=x onerror", re.IGNORECASE)


def hostile(field: str) -> str:
    """A payload naming its field, so a page showing it tells which field got through."""

    return f"{field} {SCRIPT}{ATTRIBUTE}"


# --- stored XSS ---------------------------------------------------------------------------


@pytest.fixture
def hostile_city(make_user):
    """Every user text field we can reach, filled with script and attribute injections."""

    staff = make_user(Role.COUNCIL_STAFF, *Role, display_name=hostile("display_name"))
    resident = make_user(Role.RESIDENT, display_name=hostile("resident_name"))
    organisation = Organisation.objects.create(name=hostile("organisation"), krs="0000123456")
    organisation.representatives.add(resident)

    programme = create_programme(
        by=staff,
        title=hostile("programme_title"),
        year_from=2027,
        main_goal=hostile("main_goal"),
        principles=hostile("principles"),
        specific_goals=[hostile("specific_goal")],
    )
    programme.coordinating_team.members.add(staff)
    team = SectorTeam.objects.create(
        name=hostile("team_name"), slug="zespol", description=hostile("team_description")
    )
    chapter = add_chapter(by=staff, programme=programme, sector_team=team)
    Chapter.objects.filter(pk=chapter.pk).update(title=hostile("chapter_title"))
    version = chapter_services.create_version(
        by=staff,
        chapter=chapter,
        note=hostile("version_note"),
        blocks=[{"anchor": "p-1", "text": hostile("block_text"), "indicator": hostile("ind")}],
    )
    chapter_services.publish_version(by=staff, version=version)
    now = timezone.now()
    Programme.objects.filter(pk=programme.pk).update(
        state=State.COMMENTS_OPEN,
        comments_open_at=now - timedelta(days=1),
        comments_close_at=now + timedelta(days=7),
    )
    comment = submit_comment(
        by=resident,
        programme=programme,
        kind="change",
        proposed_wording=hostile("proposed_wording"),
        justification=hostile("justification"),
        chapter=chapter,
        anchor="p-1",
        organisation=organisation,
    )
    Programme.objects.filter(pk=programme.pk).update(state=State.ANSWERING)
    answer_comment(by=staff, comment=comment, decision="partly", reason=hostile("answer"))

    meeting, extras = build_meeting(make_user)
    meeting.title = hostile("meeting_title")
    meeting.place = hostile("meeting_place")
    meeting.save(update_fields=["title", "place"])
    meeting.items.update(title=hostile("agenda_item"))

    box = voting_edition(resident, title=hostile("edition_title"))
    box.pool.name = hostile("pool_name")
    box.pool.save(update_fields=["name"])
    ProposalFactory(
        pool=box.pool,
        author=resident,
        state="on_ballot",
        title=hostile("proposal_title"),
        description=hostile("proposal_description"),
        location=hostile("proposal_location"),
    )
    CityUnit.objects.create(name=hostile("unit_name"))
    return {
        "staff": staff,
        "moderator": extras["meeting moderator"],
        "starts": [
            "/",
            "/panel/",
            "/konsultacje/",
            f"/konsultacje/{programme.pk}/",
            f"/konsultacje/{programme.pk}/uwagi/",
            f"/konsultacje/{programme.pk}/raport/",
            f"/konsultacje/{programme.pk}/program/",
            f"/konsultacje/uwagi/{comment.pk}/odpowiedz/",
            f"/proces/programme/{programme.pk}/",
            "/spotkania/",
            f"/spotkania/{meeting.pk}/",
            f"/proces/meeting/{meeting.pk}/",
            "/budzet/",
            f"/budzet/{box.edition.year}/",
            f"/budzet/{box.edition.year}/projekty/",
            f"/budzet/{box.edition.year}/glosuj/",
        ],
    }


SKIP = ("/static/", "/media/", "/admin/", "/api/", "/i18n/", "/wyloguj/")


def crawl(client, starts, limit=120) -> dict[str, str]:
    """HTML pages reachable from `starts` by internal links (no PDFs or CSVs)."""

    pages, queue, seen = {}, list(starts), set()
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        for href in re.findall(r'href="(/[^"#?]*)', html):
            href = unescape(href)
            if not href.startswith(SKIP) and not href.endswith((".pdf", ".csv")):
                queue.append(href)
    return pages


def test_hostile_text_is_rendered_inert_on_every_page(hostile_city):
    signed_in = Client()
    signed_in.force_login(hostile_city["staff"])
    moderator = Client()
    moderator.force_login(hostile_city["moderator"])
    pages = {}
    for client in (Client(), signed_in, moderator):
        pages.update(crawl(client, hostile_city["starts"]))

    executable = {url: RAW.findall(html) for url, html in pages.items() if RAW.search(html)}
    assert not executable, f"unescaped payload on {sorted(executable)}"
    shown = {
        field
        for html in pages.values()
        for field in re.findall(r"([a-z_]+) &lt;script&gt;alert\(1\)&lt;/script&gt;", html)
    }
    print(f"XSS: {len(pages)} pages crawled; payload shown escaped from: {sorted(shown)}")
    # The core fields must actually reach a page, or the test proves nothing about them.
    assert {"programme_title", "justification", "answer", "meeting_title"} <= shown
    assert {"proposal_title", "edition_title"} <= shown


# --- CSRF ---------------------------------------------------------------------------------


def test_every_page_form_refuses_a_post_without_the_csrf_token(hostile_city):
    browser = Client()
    browser.force_login(hostile_city["staff"])
    pages = crawl(browser, hostile_city["starts"])
    actions = set()
    for url, html in pages.items():
        for form in re.findall(r"<form\b[^>]*>", html):
            if re.search(r'method="post"', form, re.IGNORECASE):
                action = re.search(r'action="([^"]*)"', form)
                actions.add(unescape(action.group(1)) if action and action.group(1) else url)
    assert len(actions) >= 5, actions

    forger = Client(enforce_csrf_checks=True)
    forger.force_login(hostile_city["staff"])
    accepted = {}
    for action in sorted(actions):
        response = forger.post(action, {"reason": "x", "text": "x"})
        if response.status_code != 403 or b"CSRF" not in response.content:
            accepted[action] = response.status_code
    print(f"CSRF: {len(actions)} form actions refused without a token")
    assert not accepted, accepted


def test_session_api_writes_need_the_csrf_token(hostile_city):
    forger = APIClient(enforce_csrf_checks=True)
    forger.force_login(hostile_city["staff"])
    programme = Programme.objects.get()
    response = forger.post(
        f"/api/v1/workflows/programme/{programme.pk}/transitions/prepare_final_text/", {}
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]


# --- secrets in logs ----------------------------------------------------------------------


@pytest.fixture
def all_logs():
    """Every record of every logger, at DEBUG, formatted with its arguments and traceback."""

    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep(level=logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    loggers = [logging.getLogger(), logging.getLogger("django"), logging.getLogger("django.db")]
    previous = [logger.level for logger in loggers]
    logging.getLogger().addHandler(handler)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    yield records
    logging.getLogger().removeHandler(handler)
    for logger, level in zip(loggers, previous, strict=True):
        logger.setLevel(level)


def test_no_pesel_or_secret_in_logs_during_voting(all_logs, make_user, settings):
    settings.DEBUG = True  # SQL statements with their parameters are logged too
    staff = make_user(Role.COUNCIL_STAFF)
    box = voting_edition(make_user())
    api, pesels = APIClient(), []
    for n in range(3):
        body = ballot_body(box, n)
        pesels.append(body["identification"]["pesel"])
        assert api.post(box.cast_url, body, format="json").status_code == 201
        assert api.post(box.cast_url, body, format="json").status_code == 409  # duplicate
    wrong = ballot_body(box, 99)
    wrong["identification"]["pesel"] = pesel_of(99)[:-1] + str((int(pesel_of(99)[-1]) + 1) % 10)
    pesels.append(wrong["identification"]["pesel"])
    assert api.post(box.cast_url, wrong, format="json").status_code == 400
    paper = APIClient()
    paper.force_authenticate(staff)
    body = ballot_body(box, 7) | {"paper_number": "K-0007"}
    pesels.append(body["identification"]["pesel"])
    paper_url = box.cast_url.replace("ballots/", "paper-ballots/")
    assert paper.post(paper_url, body, format="json").status_code == 201
    ballot = Ballot.objects.first()
    invalidate = f"/api/v1/budget/ballots/{ballot.pk}/invalidate/"
    assert paper.post(invalidate, {"reason": "błąd"}, format="json").status_code == 200

    text = "\n".join(all_logs)
    assert "INSERT INTO" in text and "budget_ballot" in text, "SQL was not captured"
    leaks = [p for p in pesels if p in text]
    secrets = [s for s in (settings.SECRET_KEY, settings.PESEL_HASH_KEY) if s in text]
    assert not leaks, "PESEL numbers in the logs"
    assert not secrets, "a secret key in the logs"
    assert "pass-1234-test" not in text


# --- audit tampering ----------------------------------------------------------------------


def verify_audit() -> None:
    call_command("verify_audit")


def test_verify_audit_detects_an_edited_transition_row(make_user):
    staff = make_user(Role.COUNCIL_STAFF)
    programme = create_programme(by=staff, title="Program 2027", year_from=2027)
    advance(programme, "start_drafting", by=staff)
    verify_audit()
    AuditEntry.objects.filter(action="start_drafting").update(by_label="ktoś inny")
    with pytest.raises(CommandError, match="FAILED"):
        verify_audit()


def test_verify_audit_detects_a_deleted_transition_row(make_user):
    staff = make_user(Role.COUNCIL_STAFF)
    programme = create_programme(by=staff, title="Program 2027", year_from=2027)
    advance(programme, "start_drafting", by=staff)
    programme.refresh_from_db()
    Programme.objects.filter(pk=programme.pk).update(state=State.DRAFT)
    advance(Programme.objects.get(pk=programme.pk), "start_drafting", by=staff)
    # A queryset delete skips the model's append-only guard, as a DBA's DELETE would.
    AuditEntry.objects.filter(pk=AuditEntry.objects.order_by("id").first().pk).delete()
    with pytest.raises(CommandError, match="FAILED"):
        verify_audit()


def test_verify_audit_detects_an_edited_ballot(make_user):
    box = voting_edition(make_user())
    assert APIClient().post(box.cast_url, ballot_body(box, 1), format="json").status_code == 201
    verify_audit()
    BallotChoice.objects.update(proposal=box.projects[2])
    with pytest.raises(CommandError):
        verify_audit()
