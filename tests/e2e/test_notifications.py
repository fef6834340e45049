"""The unread count in the header rises live when the worker delivers a notice."""

import threading

import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from tests.budget.conftest import make_edition
from tests.budget.factories import ProposalFactory
from tests.e2e.conftest import live_ready
from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role
from workflows.services import advance

pytestmark = pytest.mark.e2e

PASSWORD = "pass-1234-test"


def in_thread(work) -> None:
    # Playwright's event loop runs in this thread: the write and the worker (whose live
    # events are sent with async_to_sync) run in their own, as in production.
    def run():
        try:
            work()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)


def test_the_unread_count_rises_live(page, live_url, login):
    author = User.objects.create_user("autorka", "autorka@example.org", PASSWORD)
    staff = User.objects.create_user("urzednik", password=PASSWORD)
    grant_role(staff, Role.COUNCIL_STAFF)
    _, city, _ = make_edition("submission", "submission")
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    login(page, author)
    page.goto(f"{live_url}/powiadomienia/")
    badge = page.locator(".notice-badge [data-unread]")
    expect(badge).to_have_text("0")
    live_ready(page, f"notices.{author.pk}")

    def reject_then_work():
        advance(proposal, "reject_formally", by=staff, reason="Poza gminą.")
        # `manage.py db_worker` itself installs signal handlers, which only the main thread
        # may do: its Worker runs here, as the command would run it.
        Worker(
            queue_names=["*"], interval=0.1, batch=True, backend_name="default",
            startup_delay=False, max_tasks=None, worker_id="e2e", excluded_queue_names=[],
        ).run()  # fmt: skip

    in_thread(reject_then_work)
    expect(badge).to_have_text("1", timeout=10000)
    page.reload()
    expect(page.get_by_text("został odrzucony")).to_be_visible()


def test_calendar_centre_and_settings_pass_axe(page, live_url, login, axe_check):
    user = User.objects.create_user("czytelnik", "czytelnik@example.org", PASSWORD)
    make_edition("submission", "submission")
    login(page, user)
    for path in (
        "/kalendarz/",
        "/kalendarz/?view=list",
        "/powiadomienia/",
        "/powiadomienia/ustawienia/",
    ):
        page.goto(f"{live_url}{path}")
        assert axe_check(page) == [], path
