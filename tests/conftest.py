"""Fixtures shared by every app's tests."""

import os
import time
from pathlib import Path
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from django_tasks_db.management.commands import db_worker
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from budget import turnout
from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role

# CI runs the same examples every time: a red build is reproducible, never a dice roll.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True, scope="session")
def _no_map_tiles():
    # Maps draw their markers without tiles: no test reaches a tile server.
    from django.test.utils import override_settings

    with override_settings(MAP_TILE_URL=""):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    # Rate-limit counters and turnout slots live in the cache: no test inherits another's.
    cache.clear()
    # One rate-limit window per test: counting across a window's end (every minute) would
    # reset the count midway and make a limit test pass or fail by the clock.
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture(autouse=True)
def _no_turnout_update_in_flight():
    # The turnout sender is one thread for the whole process: an update this test left
    # pending would land after the next test cleared the cache, in that test's Redis keys
    # and streams. Each test waits for its own updates before the next one starts.
    yield
    turnout.wait_idle()


@pytest.fixture(autouse=True)
def _default_language():
    # A page request leaves its language active in the thread: a later test that calls a
    # service directly must see the default (Polish), whatever ran before it.
    yield
    translation.deactivate()


@pytest.fixture
def make_user(db):
    counter = {"n": 0}

    def make(*roles: Role, username: str | None = None, **fields) -> User:
        counter["n"] += 1
        user = User.objects.create_user(
            username=username or f"user{counter['n']}", password="pass-1234-test", **fields
        )
        for role in roles or (Role.RESIDENT,):
            grant_role(user, role)
        return user

    return make


@pytest.fixture
def resident(make_user):
    return make_user(Role.RESIDENT, username="resident")


@pytest.fixture
def staff(make_user):
    return make_user(Role.COUNCIL_STAFF, username="staff")


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATING_TEAM, username="coordinator")


@pytest.fixture
def verifier(make_user):
    return make_user(Role.VERIFIER, username="verifier")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_as():
    def client_for(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return client_for


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); the embedded SQLite serialises writes")


def data_dir() -> Path:
    """The shared data folder; skips where absent, but in CI its absence is a failure."""

    path = Path(settings.DATA_DIR)
    if not (path / "pabulib").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data missing at {path} (set WSPOLNOTA_DATA_DIR)")
        pytest.skip(f"shared data not found at {path} (set WSPOLNOTA_DATA_DIR)")
    return path


@pytest.fixture
def shared_data() -> Path:
    return data_dir()


@pytest.fixture
def work(monkeypatch):
    """Run `manage.py db_worker --batch`: every task that is due, then return.

    The worker closes stale connections between tasks; inside a test's transaction that
    would drop the transaction, so that housekeeping alone is turned off here (the worker
    test on PostgreSQL runs the real command in its own process)."""

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")

    return run
