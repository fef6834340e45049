"""Mixed load: residents read pages and vote while staff advance workflow states.

    .venv/bin/python bench/mixed.py [--seconds 30] [--readers 6] [--voters 3] [--workers 2]

Creates its own database `bench_mixed` (dropped at the end), seeds an edition in voting with
projects, 80 programme rounds in draft and 30 planned meetings, and serves them with uvicorn
(2 workers, Redis DB 5 for the channel layer and cache). Then, at once:

  * readers: the home page, the edition, its project list, a project, consultations,
    meetings (each page must answer 200);
  * voters: POST a ballot with a fresh PESEL each time (201);
  * staff: take transitions through the generic API with a token — programmes
    draft → drafting, meetings planned → open → closed → published (200).

Any other status is an error. Prints the throughput, p50/p99 per kind and PASS/FAIL.
"""

import argparse
import itertools
import sys
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

import requests
from _common import REDIS_URL, bench_database, exit_code, figure, percentile, setup_django, support

DB = bench_database("bench_mixed")
TARGETS_P99_MS = {"page": 500, "ballot": 200, "transition": 500}


def seed() -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from consultations.meetings.services.lifecycle import create_meeting
    from consultations.models import SectorTeam
    from consultations.services.programmes import create_programme
    from tests.system.voting import voting_edition
    from workflows.accounts.models import Role, User
    from workflows.accounts.roles import grant_role

    staff = User.objects.create(username="bench-staff", password=make_password(None))
    grant_role(staff, Role.COUNCIL_STAFF)
    author = User.objects.create(username="bench-author", password=make_password(None))
    box = voting_edition(author, projects=6)
    programmes = [
        create_programme(by=staff, title=f"Program {n}", year_from=2027).pk for n in range(80)
    ]
    team = SectorTeam.objects.create(name="Zespół ds. sportu", slug="sport", moderator=staff)
    start = timezone.now() + timedelta(days=1)
    meetings = [
        create_meeting(
            team=team,
            by=staff,
            title=f"Spotkanie {n}",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            agenda=[{"title": "Cele", "section": "goals"}],
            place="Sala Obrad",
        ).pk
        for n in range(30)
    ]
    return {
        "token": Token.objects.create(user=staff).key,
        "box": box,
        "programmes": programmes,
        "meetings": meetings,
        "pages": [
            "/",
            f"/budzet/{box.edition.year}/",
            f"/budzet/{box.edition.year}/projekty/",
            f"/budzet/projekty/{box.projects[0].pk}/",
            "/konsultacje/",
            "/spotkania/",
        ],
    }


class Load:
    def __init__(self, base: str, until: float):
        self.base, self.until = base, until
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.lock = threading.Lock()

    def timed(self, kind: str, expected: int, call) -> None:
        started = time.perf_counter()
        try:
            response = call()
            status, detail = response.status_code, response.text[:200]
        except requests.RequestException as exc:
            status, detail = 0, str(exc)
        took = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latency[kind].append(took)
            if status != expected:
                self.errors[kind].append(f"{status} {detail}")

    def reader(self, pages: list[str]) -> None:
        session = requests.Session()
        for page in itertools.cycle(pages):
            if time.monotonic() > self.until:
                return
            self.timed("page", 200, lambda p=page: session.get(self.base + p, timeout=30))

    def voter(self, box, numbers) -> None:
        from tests.system.voting import ballot_body

        session = requests.Session()
        url = self.base + box.cast_url
        while time.monotonic() < self.until:
            body = ballot_body(box, next(numbers))
            self.timed("ballot", 201, lambda b=body: session.post(url, json=b, timeout=30))

    def staff(self, token: str, programmes: list[int], meetings: list[int]) -> None:
        session = requests.Session()
        session.headers["Authorization"] = f"Token {token}"
        steps = [("programme", pk, "start_drafting") for pk in programmes]
        for pk in meetings:
            steps += [("meeting", pk, "open"), ("meeting", pk, "close")]
            steps += [("meeting", pk, "publish_minutes")]
        for kind, pk, name in steps:
            if time.monotonic() > self.until:
                return
            url = f"{self.base}/api/v1/workflows/{kind}/{pk}/transitions/{name}/"
            self.timed("transition", 200, lambda u=url: session.post(u, json={}, timeout=30))
            time.sleep(0.05)  # a person clicking, not a script hammering


@contextmanager
def served(args):
    """The server under load: one uvicorn with workers, or app processes behind nginx."""

    if not args.proxy:
        with support.asgi_server(DB, redis_url=REDIS_URL, workers=args.workers) as (base, _):
            yield base
        return
    from deploy.local import Topology

    env = {
        **support.PRODUCTION_LIKE,
        "DATABASE_URL": support.database_url(DB),
        "REDIS_URL": REDIS_URL,
    }
    with Topology(apps=args.workers, env=env) as topology:
        yield topology.base


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--voters", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="--workers app processes behind nginx (deploy/local.py) instead of one uvicorn",
    )
    args = parser.parse_args()

    setup_django(DB)
    try:
        data = seed()
        with served(args) as base:
            shape = "nginx + app processes" if args.proxy else "workers"
            print(
                f"mixed: {args.readers} readers, {args.voters} voters, 1 staff, "
                f"{args.seconds:g} s, {args.workers} {shape}"
            )
            load = Load(base, time.monotonic() + args.seconds)
            numbers = itertools.count(1)  # next() on a count is atomic under the GIL
            threads = [
                threading.Thread(target=load.reader, args=(data["pages"],))
                for _ in range(args.readers)
            ]
            threads += [
                threading.Thread(target=load.voter, args=(data["box"], numbers))
                for _ in range(args.voters)
            ]
            threads.append(
                threading.Thread(
                    target=load.staff, args=(data["token"], data["programmes"], data["meetings"])
                )
            )
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            took = time.monotonic() - started
        report(load, took)
        integrity(load)
    finally:
        from django.db import connections

        connections.close_all()
        support.drop_database(DB)
    return exit_code()


def report(load: Load, took: float) -> None:
    total_errors = sum(len(e) for e in load.errors.values())
    for kind, errors in load.errors.items():
        for error in errors[:3]:
            print(f"  error ({kind}): {error}")
    figure("mixed.errors", total_errors, "", equal=0)
    for kind in ("page", "ballot", "transition"):
        values = load.latency[kind]
        figure(f"mixed.{kind}_per_s", len(values) / took, "/s")
        figure(f"mixed.{kind}_p50_ms", percentile(values, 50), "ms")
        figure(f"mixed.{kind}_p99_ms", percentile(values, 99), "ms", below=TARGETS_P99_MS[kind])


def integrity(load: Load) -> None:
    """Nothing lost: every acknowledged ballot and transition is stored, the chain holds."""

    from budget.models import Ballot
    from workflows import audit
    from workflows.models import AuditEntry

    acknowledged = len(load.latency["ballot"]) - len(load.errors["ballot"])
    taken = len(load.latency["transition"]) - len(load.errors["transition"])
    figure("mixed.ballots_missing", acknowledged - Ballot.objects.count(), "", equal=0)
    stored = AuditEntry.objects.exclude(action="plan_meeting").count()
    figure("mixed.transitions_missing", taken - stored, "", equal=0)
    figure("mixed.audit_problems", len(audit.verify()), "", equal=0)


if __name__ == "__main__":
    sys.exit(main())
