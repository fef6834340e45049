"""Races on the real PostgreSQL: many requests at the same row, two schedulers at once."""

import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from consultations.models import Answer, Comment, Programme
from consultations.models.programme import State
from consultations.services.comments import answer_comment, submit_comment
from workflows.accounts.models import Role
from workflows.deadlines import set_deadline
from workflows.errors import Conflict
from workflows.models import AuditEntry, Deadline, LiveEvent
from workflows.services import advance

from .builders import programme as build_programme

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

ROOT = Path(settings.BASE_DIR)


def in_parallel(count: int, work) -> list:
    """Run `work(i)` in `count` threads released together; return their results."""

    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # a crash is an outcome the test asserts on
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def set_state(prog, state, **fields):
    Programme.objects.filter(pk=prog.pk).update(state=state, **fields)
    return Programme.objects.get(pk=prog.pk)


def test_twenty_parallel_advances_of_a_programme_take_one_transition(on_postgres, make_user):
    prog, extras = build_programme(make_user)
    coordinator = extras["coordinating team member"]
    prog = set_state(prog, State.COMMENTS_CLOSED)
    url = f"/api/v1/workflows/programme/{prog.pk}/transitions/start_answering/"

    def post(_):
        client = APIClient()
        client.force_authenticate(coordinator)
        response = client.post(url, {}, format="json")
        body = response.json()
        return response.status_code, body["error"]["code"] if "error" in body else None

    results = in_parallel(20, post)

    assert sorted(results, key=str) == [(200, None)] + [(409, "conflict")] * 19
    assert Programme.objects.get(pk=prog.pk).state == State.ANSWERING
    assert AuditEntry.objects.filter(action="start_answering").count() == 1
    events = LiveEvent.objects.filter(stream=f"consultation.{prog.pk}", type="transition")
    assert events.count() == 1


def open_round_with_comments(make_user, count: int):
    prog, extras = build_programme(make_user)
    now = timezone.now()
    prog = set_state(
        prog,
        State.COMMENTS_OPEN,
        comments_open_at=now - timedelta(days=1),
        comments_close_at=now + timedelta(days=7),
    )
    resident = make_user(Role.RESIDENT)
    for n in range(count):
        submit_comment(by=resident, programme=prog, kind="general", justification=f"Uwaga {n}")
    return prog, extras["coordinating team member"]


def test_answering_racing_the_close_never_leaves_an_unanswered_comment(on_postgres, make_user):
    prog, coordinator = open_round_with_comments(make_user, 24)
    prog = set_state(prog, State.ANSWERING)
    comments = list(Comment.objects.filter(programme=prog).order_by("pk"))
    # Four answerers work through the comments (each answering some twice: a correction)
    # while a fifth thread keeps trying to close the answering phase.
    closed = threading.Event()

    def work(i):
        if i == 4:
            while not closed.is_set():
                try:
                    advance(Programme.objects.get(pk=prog.pk), "prepare_final_text", by=coordinator)
                    closed.set()
                    return "closed"
                except Conflict:
                    continue
            return "closed by another"
        outcomes = []
        for comment in comments[i::4] + comments[i::4][:3]:
            try:
                answer_comment(by=coordinator, comment=comment, decision="accepted", reason="Tak")
                outcomes.append("answered")
            except Conflict:
                outcomes.append("refused")
        return outcomes

    results = in_parallel(5, work)
    assert results[4] == "closed", results[4]
    final = Programme.objects.get(pk=prog.pk)
    assert final.state == State.FINAL_TEXT_PREPARED
    assert Comment.objects.filter(programme=prog, answer__isnull=True).count() == 0
    assert Answer.objects.filter(comment__programme=prog).count() == len(comments)
    answered = sum(r.count("answered") for r in results[:4])
    assert answered >= len(comments)  # corrections may lose to the close, first answers may not
    # Once the round moved on, every later answer was refused, not silently stored.
    closed_at = AuditEntry.objects.get(action="prepare_final_text").at
    assert not Answer.objects.filter(comment__programme=prog, answered_at__gt=closed_at).exists()


def run_deadlines_process(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_deadlines"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_run_deadlines_from_two_processes_fires_each_once(on_postgres, make_user):
    past = timezone.now() - timedelta(minutes=5)
    programmes = []
    for n in range(30):
        prog, _ = build_programme(make_user)
        prog = set_state(
            prog,
            State.COMMENTS_OPEN,
            title=f"Program {n}",
            comments_open_at=past - timedelta(days=8),
            comments_close_at=past,
        )
        set_deadline(prog, "close_comments", past, "uchwała w sprawie konsultacji")
        programmes.append(prog)
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    first, second = run_deadlines_process(env), run_deadlines_process(env)
    outputs = [p.communicate(timeout=120) for p in (first, second)]

    for process, (_out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, err
    fired_lines = sum(out.count(": fired") for out, _ in outputs)
    assert fired_lines == 30
    assert AuditEntry.objects.filter(action="close_comments").count() == 30
    assert set(Programme.objects.values_list("state", flat=True)) == {State.COMMENTS_CLOSED}
    assert not Deadline.objects.filter(fired_at__isnull=True).exists()
