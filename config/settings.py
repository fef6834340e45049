"""Settings: one module, read from the environment (12-factor), embedded defaults.

Without any environment the project runs embedded: SQLite in the repo folder and the
in-memory channel layer. `DATABASE_URL` and `REDIS_URL` switch to PostgreSQL and Redis.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from workflows.parsing import MAX_ID

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The embedded default key is for trying the system only; production must set SECRET_KEY
# (sessions, CSRF tokens and password resets are signed with it).
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (50 random characters) when DEBUG=0.")
    SECRET_KEY = "embedded-insecure-key-set-SECRET_KEY-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000"
)
# Keyed hash of PESEL numbers: the number itself is never stored. With the public embedded
# key a database dump is reversible (PESEL numbers of an age band are few), so production
# must set its own; `check --deploy` flags a weak one (budget/checks.py).
EMBEDDED_PESEL_HASH_KEY = "embedded-pesel-key-set-PESEL_HASH_KEY"
PESEL_HASH_KEY = os.environ.get("PESEL_HASH_KEY", "")
if not PESEL_HASH_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set PESEL_HASH_KEY (50 random characters) when DEBUG=0.")
    PESEL_HASH_KEY = EMBEDDED_PESEL_HASH_KEY
# Retired keys, newest first: ballot seals and box digests made with them still verify.
PESEL_HASH_KEY_FALLBACKS = env_list("PESEL_HASH_KEY_FALLBACKS", "")

# Demo mode (`make run`): the login page lists the demo accounts. Never in production.
DEMO_MODE = env_bool("WSPOLNOTA_DEMO", False)

# Data from ../shared (pabulib elections, district lists); never part of the repository.
DATA_DIR = Path(os.environ.get("WSPOLNOTA_DATA_DIR", BASE_DIR.parent / "shared" / "data"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "channels",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "workflows.accounts",
    "workflows",
    "districts",
    "consultations",
    "consultations.meetings",
    "budget",
    "budget.results",
    "bodies",
    "django_tasks_db",
    "notifications",
    "notifications.bip",
    "grants",
]
if os.environ.get("PYTEST_VERSION"):
    # A tiny workflow used only by the engine's own tests.
    INSTALLED_APPS.append("tests.workflows.engine_app")
    # Tests create many users; the production hasher costs ~0.3 s each.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF (it reads the form Django parsed): the view's form and query string, NUL
    # refused and bidi controls stripped when the view reads them, after its permission check.
    "workflows.input.CleanInputMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "workflows.middleware.DatabaseUnavailableMiddleware",
    # Last: turns a login refused by django-axes into the lock-out page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workflows.context_processors.navigation",
                "budget.context_processors.states",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent readers and one writer without "database is locked" under the dev server.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Statements that run this often on a connection are prepared on the server. Only
    # server-binding cursors can be, and only the ballot box uses one (budget.ballot_box);
    # behind PgBouncer in transaction mode that needs PgBouncer 1.21+ (docs/production.md).
    threshold = os.environ.get("DATABASE_PREPARE_THRESHOLD", "2")  # "off": never prepare
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        int(threshold) if threshold.isdigit() else None
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    # Not in the pytest process: its test threads keep their connections (pytest-django's
    # per-test transaction, async tests), which would drain a pool. The servers that the
    # system tests start run with it.
    "DATABASE_POOL",
    not os.environ.get("PYTEST_VERSION"),
):
    # A connection pool per worker process (psycopg-pool) instead of a connection per
    # request, which under ASGI cannot be kept open (CONN_MAX_AGE). bench/ballots.py: ballots
    # ~2.4x faster. Health checks make the pool hand out only live connections, so the
    # service recovers by itself after a database restart (tests/system/test_faults.py).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DATABASE_POOL_MIN", "2")),
        "max_size": int(os.environ.get("DATABASE_POOL_MAX", "10")),
        # A request waits this long for a free connection, then gets a 503.
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "10")),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Pub/Sub: one Redis message per worker for a group send instead of one per
            # connection (bench/fanout.py: 3-5x faster, no dropped sockets). Delivery is
            # at-most-once, which live events tolerate: they are stored, and clients resync
            # by sequence number.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                # No CLIENT SETINFO: a sync caller outside a request (the turnout sender) gets a
                # new event loop, so a new connection, per send; redis-py read its own package
                # metadata from disk for each (1.7 of 6.4 ms CPU per send).
                "hosts": [{"address": REDIS_URL, "driver_info": None}],
                # Parallel test workers share one Redis: keep their groups apart.
                "prefix": "asgi" + os.environ.get("PYTEST_XDIST_WORKER", ""),
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.SharedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "wspolnota",
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Last: Django's model permissions in the admin for the administrator role.
    "workflows.accounts.backends.AdministratorAdminBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Password guessing (django-axes, workflows/accounts/login_limits.py): failures are counted
# per account name *and* address together, so a guesser locks only their own pair, never the
# account's owner elsewhere. The name is counted as it is checked (see `login_name`).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
# Refused ballots (bad PESEL, too young, already voted) per client address per minute.
BALLOT_REFUSALS_PER_MINUTE = int(os.environ.get("BALLOT_REFUSALS_PER_MINUTE", "30"))
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "workflows.accounts.login_limits.login_name"
AXES_CLIENT_IP_CALLABLE = "workflows.accounts.login_limits.client_address"
AXES_LOCKOUT_CALLABLE = "workflows.accounts.login_limits.locked_out_page"
AXES_VERBOSE = False
# Only failures are needed to limit guessing; no log of every successful login and its address.
AXES_DISABLE_ACCESS_LOG = True

# Mail (password reset, e-mail confirmation; Django 6.1's MAILERS): SMTP when EMAIL_HOST is
# set, else (embedded) each message is printed on the console.
_email_port = int(os.environ.get("EMAIL_PORT", "587"))
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ["EMAIL_HOST"],
            "port": _email_port,
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", _email_port == 587),
            "use_ssl": env_bool("EMAIL_USE_SSL", _email_port == 465),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
        },
    }
    if os.environ.get("EMAIL_HOST")
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Wspólnota <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    # Signed in to write, then the view's own guard, both before a body is read: a write
    # refused to this person is a 403 whatever it sends. The writes open to anyone (casting a
    # ballot, getting a token) say so.
    "DEFAULT_PERMISSION_CLASSES": ["workflows.gates.WriteGate"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "workflows.pagination.Pages",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "workflows.api_errors.exception_handler",
    # Every string cleaned, JSON nesting bounded, a JSON body capped (workflows.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "workflows.parsers.JSONParser",
        "workflows.parsers.FormParser",
        "workflows.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wspólnota API",
    "DESCRIPTION": "Konsultacje programu współpracy z NGO i budżet obywatelski.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "workflows.schema.common_responses",
        "workflows.schema.request_text",
        "workflows.schema.one_of_bodies_required",
    ],
    # workflows.converters.IdConverter: documented as the integer it is, with its bounds.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID}
    },
    # Choice sets whose field names collide across apps ("kind", "state") get stable names
    # (otherwise drf-spectacular invents hashed ones and `check --deploy` warns).
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeKindEnum": "consultations.models.programme.ProgrammeKind",
        "OrganisationKindEnum": "workflows.accounts.models.OrganisationKind",
        "BlockKindEnum": "consultations.models.chapters.BlockKind",
        "CommentKindEnum": "consultations.models.comments.CommentKind",
        "ProposalStateEnum": "budget.models.proposals.ProposalState",
        "BodyKindEnum": "bodies.models.BodyKind",
        "CompetitionStateEnum": "grants.models.CompetitionState",
        "OfferStateEnum": "grants.models.OfferState",
        "TaskFormEnum": "grants.models.TaskForm",
        "SmallGrantStateEnum": "grants.small.SmallGrantState",
        "AgreementStateEnum": "grants.agreements.AgreementState",
        "ChangeRequestStateEnum": "grants.agreements.ChangeState",
        "TaskReportStateEnum": "grants.agreements.ReportState",
        "PoolKindEnum": "budget.models.editions.PoolKind",
        "SectionEnum": "consultations.meetings.sections.Section",
    },
}

# Background work (django.tasks): rows in the database, run by `manage.py db_worker`.
# Notifications are enqueued in the transaction of the action that causes them, so the
# worker sees them only once (and only if) that action commits.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Links in e-mails and calendar feeds are absolute: the public address of the site.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A failed SMTP delivery is retried after 1, 4, 9, ... times this many seconds.
NOTIFY_RETRY_SECONDS = int(os.environ.get("NOTIFY_RETRY_SECONDS", "60"))
NOTIFY_MAX_ATTEMPTS = int(os.environ.get("NOTIFY_MAX_ATTEMPTS", "6"))
# Staff are warned about proposals waiting for verification longer than this.
NOTIFY_QUEUE_DAYS = int(os.environ.get("NOTIFY_QUEUE_DAYS", "14"))

# Art. 19a ust. 4 of the 2003 Act: the city's yearly total of small grants (złoty), at most
# 20% of the grants planned in the budget; the council's programme sets it.
SMALL_GRANTS_YEARLY_CAP = os.environ.get("SMALL_GRANTS_YEARLY_CAP", "200000.00")

# Maps of civic-budget proposals (Leaflet, vendored in static/vendor/leaflet). The tile
# server's URL and its attribution; empty MAP_TILE_URL: markers on a plain background (the
# tests, and a city without a tile server). Points must lie inside MAP_BOUNDS: south, west,
# north, east in degrees (Kraków's by default).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
MAP_BOUNDS = tuple(float(x) for x in env_list("MAP_BOUNDS", "49.967,19.792,50.126,20.218"))

# Live events: how many past events a reconnecting client may replay before it gets a snapshot.
LIVE_REPLAY_LIMIT = int(os.environ.get("LIVE_REPLAY_LIMIT", "200"))
# Open websockets per client address and worker process; more are closed with code 4429.
WEBSOCKETS_PER_ADDRESS = int(os.environ.get("WEBSOCKETS_PER_ADDRESS", "50"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the small JS on pages reads it for fetch() calls
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"


def _tile_origin(url: str) -> list[str]:
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # Map tiles come from the tile server's origin (MAP_TILE_URL).
    "img-src": ["'self'", "data:", *_tile_origin(MAP_TILE_URL)],
    "connect-src": ["'self'", "ws:", "wss:"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # No SECURE_PROXY_SSL_HEADER: Django would believe X-Forwarded-Proto from anyone who
    # reaches an app process. The ASGI server takes the scheme from it only when the proxy
    # sent it (uvicorn --forwarded-allow-ips, FORWARDED_ALLOW_IPS; docs/production.md).
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # WeasyPrint and fontTools narrate every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
