import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection

from config.wsgi import application
from tests.system import support
from tests.system.voting import voting_edition

# Named after the run's own database, so runs against different databases on one server
# (parallel checkouts) never drop each other's copy.
FAULTS_DB = f"system_faults_{settings.DATABASES['default']['NAME']}"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The matrix creates a dozen users per case; the production hasher costs ~0.3 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def served(on_postgres, make_user, tmp_path, request):
    """An edition open for voting, copied into its own database (FAULTS_DB) and served
    by uvicorn with production-like settings; `request.param` the server's options
    (`workers`, default 1, and `env`)."""

    box = voting_edition(make_user())
    connection.close()  # the copy needs the source without connections
    support.copy_database(settings.DATABASES["default"]["NAME"], FAULTS_DB)
    log = tmp_path / "server.log"
    options = getattr(request, "param", {})  # workers (default 1), env
    try:
        with support.asgi_server(FAULTS_DB, log=log, **options) as (base, process):
            yield box, base, process, log
    finally:
        support.restore_database(FAULTS_DB)
        support.drop_database(FAULTS_DB)


@pytest.fixture
def schema(db):
    """The served OpenAPI schema, its operations callable in-process (schemathesis, WSGI)."""

    # In-process WSGI calls fire request_started/finished, whose close_old_connections would
    # close the test's connection inside its transaction; Django's test client detaches them
    # the same way.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
