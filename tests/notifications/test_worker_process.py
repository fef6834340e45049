"""The real worker process (`manage.py db_worker`) picks up the tasks on PostgreSQL."""

import pytest
from django.conf import settings
from django.db import connection

from notifications.models import Notification
from tests.budget.factories import ProposalFactory
from tests.system.support import database_url, manage
from workflows.accounts.models import Role


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_worker_process_mails_after_the_transition_commits(
    on_postgres, api_as, smtp, make_user, author, submission
):
    author.email = "autorka@example.org"
    author.save()
    staff = make_user(Role.COUNCIL_STAFF, email="urzad@example.org")
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    url = f"/api/v1/workflows/proposal/{proposal.pk}/transitions/reject_formally/"
    assert api_as(staff).post(url, {"reason": "Poza gminą."}, format="json").status_code == 200
    assert smtp.messages == [] and not Notification.objects.exists()
    options = settings.MAILERS["default"]["OPTIONS"]
    env = {
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
        "EMAIL_HOST": options["host"],
        "EMAIL_PORT": options["port"],
        "DATABASE_POOL": "0",
    }
    manage("db_worker", "--batch", "--no-startup-delay", env=env, timeout=120)
    [notice] = Notification.objects.filter(recipient=author)
    assert notice.event == "proposal_rejected" and notice.emailed_at is not None
    assert len(smtp.to("autorka@example.org")) == 1
    manage("db_worker", "--batch", "--no-startup-delay", env=env, timeout=120)
    assert len(smtp.messages) == 1
