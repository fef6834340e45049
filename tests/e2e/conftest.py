"""Browser tests: Debian's Chromium driven by Playwright against a live ASGI server.

Run in their own pytest process (`pytest -m e2e tests/e2e`): Playwright's sync API keeps an
event loop running in the main thread, which pytest-asyncio's loop cannot share.

- `live_url`: the base URL of a Uvicorn server (HTTP + websockets, static files) running the
  project's ASGI application in a thread, over the test database (committed data: every
  test using it gets `transactional_db`).
- `login(page, user)`: signs a page in through the login form.
- `axe_check(page)`: injects axe-core and returns the serious/critical violations.
- `live_ready(page, stream)`: waits until the page's websocket receives `stream`'s events
  (static/js/live.js lists them in `<html data-live>`), never on a time.
- On failure, every open page is screenshotted to test-artifacts/<test>-<n>.png.
"""

import json
import logging
import os
import re
import socket
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the main thread; Django refuses sync ORM calls
# there unless told the test knows what it does.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = Path(__file__).resolve().parent / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "pass-1234-test"
DEMO_PASSWORD = "demo-krakow-2026"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "pl-PL", "timezone_id": "Europe/Warsaw"}


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Demo and test accounts are hashed thousands of times faster; nothing here is secret."""

    from django.test.utils import override_settings

    override = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    override.enable()
    yield
    override.disable()


@pytest.fixture
def new_page(browser, browser_context_args):
    """Another browser (its own cookies), with the same Polish locale as `page`."""

    contexts = []

    def open_page():
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def asgi_server(django_db_setup, django_db_blocker):
    """Uvicorn serving config.asgi (HTTP, websockets) plus static files, in a thread."""

    import uvicorn
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.db import connection

    from config.asgi import application

    name = str(connection.settings_dict["NAME"])
    if "memorydb" not in name and not name.startswith("test_"):
        pytest.fail(
            f"the live server would use {name}, not a test database: a test using it must "
            "request the database (transactional_db, or the django_db marker)"
        )
    port = _free_port()
    config = uvicorn.Config(
        ASGIStaticFilesHandler(application),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws="websockets-sansio",
    )
    server = uvicorn.Server(config)
    with django_db_blocker.unblock():
        thread = threading.Thread(target=server.run, name="asgi-live-server", daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("the ASGI live server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(autouse=True, scope="session")
def serialized_database(django_db_setup):
    """The migrated database as Django serialized it, taken right after it was set up
    (autouse, so before Playwright starts and moves the tests into its own context)."""

    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


def _read_uncommitted(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")


@pytest.fixture(autouse=True, scope="session")
def _sqlite_readers_do_not_lock(serialized_database, django_db_blocker):
    """The embedded test database is one in-memory SQLite in shared-cache mode: there a
    reader locks whole tables, so a page still reading in the server's thread made the test's
    own writes fail with "database table is locked". Readers that take no table locks avoid
    that (each statement still sees committed rows only once its writer commits)."""

    from django.db import connections
    from django.db.backends.signals import connection_created

    connection_created.connect(_read_uncommitted)
    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            _read_uncommitted(None, connection)
    yield
    connection_created.disconnect(_read_uncommitted)


@pytest.fixture(autouse=True)
def _serialized_rollback_across_contexts(request):
    """Playwright's sync API switches the test into another context, where Django opens
    another connection (connections are per context), one without the serialized copy
    that `django_db_serialized_rollback` restores the migrated data from: hand it over."""

    if "django_db_serialized_rollback" not in request.fixturenames:
        return
    contents = request.getfixturevalue("serialized_database")
    from django.db import connection

    if contents is not None and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = contents


@pytest.fixture
def live_url(asgi_server, transactional_db, django_db_serialized_rollback):
    """The server's base URL; the test starts from the migrated database (with the data
    migrations' rows, e.g. Kraków's districts) and its committed writes are flushed after."""

    return asgi_server


def load_demo_city() -> None:
    """`manage.py load_demo`, half a second with the tests' password hasher. Demo accounts:
    DEMO_PASSWORD; see the command's output for who holds which role."""

    # The demo's live events cannot be sent from this thread (Playwright's event loop runs
    # here) and nobody is subscribed yet: their delivery warnings are noise.
    live_log = logging.getLogger("workflows.live")
    level = live_log.level
    live_log.setLevel(logging.ERROR)
    try:
        call_command("load_demo", stdout=StringIO())
    finally:
        live_log.setLevel(level)


@pytest.fixture
def demo_city(live_url):
    """The demo city for a test that changes it (flushed after the test)."""

    load_demo_city()


@pytest.fixture(scope="module")
def read_only_site(asgi_server, django_db_blocker, serialized_database):
    """The live server's base URL over the demo city loaded once for a module of read-only
    page checks (loading it per test was most of their time). The module's tests must not
    write through Django (the server's own writes, the sign-ins' sessions, are harmless).
    They are marked `django_db(serialized_rollback=True)`: so that pytest-django sets the
    test database up and keeps a copy of the migrated rows (Kraków's districts), which come
    back after the module."""

    if serialized_database is None:
        pytest.fail("mark the module django_db(serialized_rollback=True): nothing to restore")
    with django_db_blocker.unblock():
        load_demo_city()
    yield asgi_server
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    with django_db_blocker.unblock():
        # As TransactionTestCase does: the migrated rows come back from the serialized copy,
        # so flush must not recreate the permissions and content types itself.
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(serialized_database)
        ContentType.objects.clear_cache()  # ids of rows the flush removed


@pytest.fixture
def login(live_url):
    def sign_in(page, user, password: str = PASSWORD) -> None:
        page.goto(f"{live_url}/logowanie/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        page.wait_for_url(re.compile(r"^(?!.*/logowanie/).*$"))

    return sign_in


def live_ready(page, stream: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator(f'html[data-live~="{stream}"]')).to_have_count(1)


BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} missing: run `make {AXE_JS.relative_to(ROOT)}`")
    return AXE_JS.read_text()


@pytest.fixture
def axe_check(axe_source):
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; serious and critical ones."""

    def check(page) -> list[dict]:
        # Evaluated, not added as a <script>: the site's CSP rightly refuses inline scripts.
        page.evaluate(axe_source)
        result = page.evaluate(
            """async () => await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                 "wcag22aa", "best-practice"]},
            })"""
        )
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]

    return check


def describe_violations(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2, ensure_ascii=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        _screenshot_open_pages(item)
    return report


def _screenshot_open_pages(item) -> None:
    browser = item.funcargs.get("browser")
    if browser is None:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", item.nodeid.split("::", 1)[-1])
    pages = [page for context in browser.contexts for page in context.pages]
    for n, page in enumerate(pages, start=1):
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}-{n}.png"), full_page=True)
        except Exception as exc:  # a crashed page must not hide the test's own failure
            item.add_report_section("call", "screenshot", f"page {n}: {exc}")
