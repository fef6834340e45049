"""The real worker process (`manage.py db_worker`) picks up the tasks on PostgreSQL, and
`make serve` starts it as production does."""

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from deploy.local import Topology, worker_commands
from notifications.models import Notification
from notifications.recurring import JOBS, tick
from tests.budget.factories import ProposalFactory
from tests.system.support import database_url, manage
from tests.system.test_systemd_units import UNITS, exec_lines
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


def test_make_serve_runs_the_worker_with_the_production_commands():
    unit = exec_lines(UNITS / "wspolnota-worker@.service")
    after_manage_py = [argv[argv.index("manage.py") + 1 :] for argv in unit]
    assert [argv[2:] for argv in worker_commands()] == after_manage_py


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_make_serve_starts_the_recurring_jobs_on_a_fresh_database(on_postgres, tmp_path):
    assert not DBTaskResult.objects.exists()
    env = {"DATABASE_URL": database_url(connection.settings_dict["NAME"]), "DATABASE_POOL": "0"}
    topology = Topology(apps=0, env=env, log=tmp_path, worker=worker_commands())
    try:
        worker = topology.start_worker()
        ticks = DBTaskResult.objects.filter(task_path=tick.module_path)
        assert {t.args_kwargs["args"][0] for t in ticks} == set(JOBS)
        assert worker.poll() is None
    finally:
        topology.stop()
