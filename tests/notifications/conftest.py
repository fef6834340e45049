"""A real SMTP server (aiosmtpd) per test (the task worker, `work`, is in tests/conftest.py)."""

import email
import threading
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from tests.budget.conftest import author, edition_in, submission, unit  # noqa: F401
from tests.consultations.conftest import chapter, open_programme, programme  # noqa: F401
from tests.consultations.meetings.conftest import (  # noqa: F401
    expert,
    meeting,
    member,
    moderator,
    org_rep,
    organisation,
    team,
)
from tests.system.support import free_port
from workflows.accounts.models import Role


class Mailbox:
    """Collects what the SMTP server accepted; refuses the first `fail` deliveries (451)."""

    def __init__(self, fail: int = 0):
        self.messages: list[email.message.EmailMessage] = []
        self.fail = fail
        self.refused = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refused < self.fail:
                self.refused += 1
                return "451 4.3.0 Try again later"
            message = email.message_from_bytes(envelope.content, policy=default_policy)
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]


def _serve(settings, mailbox: Mailbox):
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    settings.NOTIFY_RETRY_SECONDS = 0  # a retried delivery is due at once in tests
    return controller


@pytest.fixture
def smtp(settings):
    mailbox = Mailbox()
    controller = _serve(settings, mailbox)
    yield mailbox
    controller.stop()


@pytest.fixture
def flaky_smtp(settings):
    """Refuses the first two deliveries with a temporary error."""

    mailbox = Mailbox(fail=2)
    controller = _serve(settings, mailbox)
    yield mailbox
    controller.stop()


@pytest.fixture
def follower(make_user):
    return make_user(Role.RESIDENT, username="obserwator", email="obserwator@example.org")
