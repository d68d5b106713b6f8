"""LeaveDesk settings: one module, every environment variable read once, in the typed block below.

Defaults give a working development portal (SQLite under var/, documents on local disk, notices
recorded in the outbox, background work in-process). Production sets DATABASE_URL, REDIS_URL,
SECRET_KEY, ALLOWED_HOSTS and the storage and gateway variables. A bad value stops start-up with
a message naming the variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import phonenumbers
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), not {raw!r}")


def env_int(name: str, default: int, *, low: int, high: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise ImproperlyConfigured(f"{name} must lie between {low} and {high}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, "") or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {sorted(choices)}, not {value!r}")
    return value


def env_secret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file NAME_FILE names (as container platforms mount secrets), never both.

    The file's trailing line end is not part of the secret.
    """
    path = os.environ.get(f"{name}_FILE", "")
    if not path:
        return os.environ.get(name, default)
    if os.environ.get(name):
        raise ImproperlyConfigured(f"{name} and {name}_FILE are both set: give the secret one way only")
    try:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as error:
        raise ImproperlyConfigured(f"{name}_FILE names {path!r}, which cannot be read: {error.strerror}") from None


def env_origins(name: str) -> list[str]:
    origins = env_list(name, [])
    for origin in origins:
        if not origin.startswith(("https://", "http://")):
            raise ImproperlyConfigured(f"{name} entries must start with https:// (or http://), not {origin!r}")
    return origins


def env_regions(name: str, default: list[str]) -> list[str]:
    regions = [region.upper() for region in env_list(name, default)]
    unknown = sorted(set(regions) - phonenumbers.SUPPORTED_REGIONS)
    if unknown or not regions:
        raise ImproperlyConfigured(f"{name} must list region codes like US,CA; unknown: {', '.join(unknown)}")
    return regions


# --- The environment, read once -------------------------------------------------------------
# SECRET_KEY, DATABASE_URL, MIGRATION_DATABASE_URL and REDIS_URL may each come from a file instead: NAME_FILE.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
PORT = env_int("PORT", 8000, low=1, high=65535)
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
DATABASE_URL = env_secret("DATABASE_URL", f"sqlite:///{VAR_DIR / 'leavedesk.sqlite3'}")
# The owner of the tables, for `migrate --database owner` and `grant_app_role` only; DATABASE_URL is then the
# application's own role, which may not change the audit log (audit/management/commands/grant_app_role.py).
MIGRATION_DATABASE_URL = env_secret("MIGRATION_DATABASE_URL")
REDIS_URL = env_secret("REDIS_URL")
# Without Redis every process counts limits (code sending, sign-in) and keeps sessions' cache on its own: only a
# single process (the tests, a one-worker demo) may say so and run without it.
SINGLE_PROCESS = env_bool("SINGLE_PROCESS", DEBUG)
# Every call to a backend has a timeout (seconds): a stalled database or Redis answers a page with "try again"
# within seconds instead of holding it until gunicorn kills the worker.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5, low=1, high=120)
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 10, low=1, high=3600)
REDIS_TIMEOUT = env_int("REDIS_TIMEOUT", 2, low=1, high=60)
# How many proxies stand in front of the app (the load balancer: 1); their X-Forwarded-For names the client.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0, low=0, high=5)
DOCUMENT_STORAGE = env_choice("DOCUMENT_STORAGE", "local", {"local", "s3"})
DOCUMENT_ROOT = Path(env_str("DOCUMENT_ROOT", str(VAR_DIR / "documents")))
S3_BUCKET = env_str("S3_BUCKET")
S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL")
S3_REGION = env_str("S3_REGION")
SMS_GATEWAY = env_str("SMS_GATEWAY", "notices.gateways.RecordingGateway")
VOICE_GATEWAY = env_str("VOICE_GATEWAY", "notices.gateways.RecordingGateway")
EMAIL_GATEWAY = env_str("EMAIL_GATEWAY", "notices.gateways.RecordingGateway")
LETTER_GATEWAY = env_str("LETTER_GATEWAY", "notices.gateways.RecordingGateway")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@leavedesk.example")
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
# HTTPS behind a load balancer: the balancer ends TLS and says so in X-Forwarded-Proto, trusted only when it strips
# that header from what clients send. Plain-HTTP requests are redirected and HSTS sent wherever cookies are secure.
TRUST_X_FORWARDED_PROTO = env_bool("TRUST_X_FORWARDED_PROTO", False)
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS")
SSL_REDIRECT = env_bool("SSL_REDIRECT", SECURE_COOKIES)
HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000 if SECURE_COOKIES else 0, low=0, high=2 * 31_536_000)
HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)  # a commitment to the browsers' preload list: the operator's choice
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
PASSWORD_PROFILE = env_choice("PASSWORD_PROFILE", "spec", {"spec", "modern"})
# The regions (ISO 3166 codes) whose phone numbers may get codes, texts and calls (notices.destinations): by default
# the United States, its territories and Canada. Premium-rate, shared-cost and toll-free numbers never do.
CODE_DESTINATION_REGIONS = env_regions("CODE_DESTINATION_REGIONS", ["US", "PR", "GU", "VI", "AS", "MP", "CA"])
ADMINISTRATOR_NAME = env_str("ADMINISTRATOR_NAME", "Workpartners")
ADMINISTRATOR_PHONE = env_str("ADMINISTRATOR_PHONE", "1-833-640-2800")
ADMINISTRATOR_TTY = env_str("ADMINISTRATOR_TTY", "711")
ESC_PHONE = env_str("ESC_PHONE", "855-447-7778")
ESC_URL = env_str("ESC_URL", "https://www.mass.gov/orgs/masshr-employee-service-center-esc")
FMLA_PERIOD_METHOD = env_choice(
    "FMLA_PERIOD_METHOD",
    "rolling_backward",
    {"rolling_backward", "calendar_year", "fixed_leave_year", "forward_from_first_use"},
)
# ---------------------------------------------------------------------------------------------

if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "development-only-secret-key-never-used-in-production"  # noqa: S105
if DOCUMENT_STORAGE == "s3" and not S3_BUCKET:
    raise ImproperlyConfigured("DOCUMENT_STORAGE=s3 needs S3_BUCKET")
if not REDIS_URL and not SINGLE_PROCESS:
    raise ImproperlyConfigured(
        "REDIS_URL must be set when DEBUG is off: without a shared cache every worker counts the code-sending and "
        "sign-in limits on its own, so two workers let twice as many through (set SINGLE_PROCESS=1 only for one "
        "process, such as the tests)"
    )
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL must be a redis:// URL, not {REDIS_URL!r}")
try:
    _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60)
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # the form renderer (TemplatesSetting) finds Django's own form templates here
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "portal",
    "accounts",
    "roster",
    "notices",
    "conditions",
    "intake",
    "cases",
    "letters",
    "policies",
    "desk",
    "audit",
]

MIDDLEWARE = [
    "config.forwarded.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.private_pages.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A multipart body reaches only an upload view, from a signed-in person: before CSRF reads any form.
    "cases.documents.uploads.FileUploadGateMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page of a signed-in person, and every desk, case and request page: no-store (portal.private_pages).
    "portal.private_pages.PrivatePagesMiddleware",
    # django-otp's, reading the verifying device at the once-a-minute renewal only.
    "accounts.middleware.RecheckedOTPMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with the settings' policy built once per process (portal.private_pages).
    "portal.private_pages.SettingsPolicyCSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.administrator",
            ],
        },
    },
]
FORM_RENDERER = "uswds.form_renderer.USWDSFormRenderer"

DATABASES = {"default": _database}
_database["CONN_HEALTH_CHECKS"] = True  # a connection dropped while idle is replaced, not handed to a request
if _database["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _database["CONN_MAX_AGE"] = 0
    _database["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
elif _database["ENGINE"] == "django.db.backends.postgresql":
    _database.setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": DATABASE_CONNECT_TIMEOUT,
            # A statement, or a wait for a lock, longer than this is cancelled (migrations included: raise the
            # variable for a long one). No JIT: the desk's overdue filter (many EXISTS in one OR) is estimated
            # costly enough to be compiled, and compiling took 1-7 s of a 0.3 s query (bench/desk.py).
            "options": f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000} "
            f"-c lock_timeout={DATABASE_STATEMENT_TIMEOUT * 1000} -c jit=off",
            # The values travel apart from the SQL (not quoted into it by psycopg in Python), and a statement a
            # connection runs a fifth time is prepared: PostgreSQL parses and plans it once per connection, not
            # on every request. A submit: 16-18 -> 13-14 ms of CPU, 22-25 -> 17-18 ms (docs/performance.md).
            # Connections go straight to PostgreSQL (no pooler in transaction mode, which could not keep them).
            "server_side_binding": True,
            "prepare_threshold": 5,
        }
    )
if MIGRATION_DATABASE_URL:
    try:
        _owner = dj_database_url.parse(MIGRATION_DATABASE_URL, conn_max_age=0)
    except ValueError as error:
        raise ImproperlyConfigured(f"MIGRATION_DATABASE_URL is not a database URL: {error}") from None
    if _owner["ENGINE"] != _database["ENGINE"] or _owner["NAME"] != _database["NAME"]:
        raise ImproperlyConfigured("MIGRATION_DATABASE_URL must name the same database as DATABASE_URL")
    _owner["OPTIONS"] = dict(_database.get("OPTIONS", {}))
    _owner["TEST"] = {"MIRROR": "default"}  # one database, two roles: tests make one test database
    DATABASES["owner"] = _owner
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default": sessions and page reads, a Redis error answered as a miss (config.cache); "limits": the counts
# behind the limits on sending codes, whose Redis errors refuse the send (accounts.sending_limits).
_REDIS_OPTIONS = {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT}
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "config.cache.ForgivingRedisCache", "LOCATION": REDIS_URL, "OPTIONS": _REDIS_OPTIONS},
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": _REDIS_OPTIONS,
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A worker killed mid-task (out of memory, a deploy) leaves its task on the broker to be run again.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": REDIS_TIMEOUT,
    "socket_connect_timeout": REDIS_TIMEOUT,
    "visibility_timeout": 15 * 60,  # an unacknowledged task goes back to the queue after this
}
# Handing a task to the broker from a request: two quick tries, then the outbox sweeper's turn.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
# Beat reads its crontab hours in the employer's zone (the daily reminders at 7 AM Eastern, daylight time or not).
CELERY_TIMEZONE = "America/New_York"
CELERY_BEAT_SCHEDULE = {
    "sweep-the-outbox": {"task": "notices.tasks.sweep_outbox", "schedule": 60.0},
    "sweep-unrendered-letters": {"task": "letters.tasks.sweep_unrendered_letters", "schedule": 60.0},
    "daily-reminders": {"task": "desk.tasks.send_daily_reminders", "schedule": crontab(hour=7, minute=0)},
}
# How the desk assigns a new leave case (desk.ownership): "unassigned" until a specialist picks it (the default),
# or "round_robin" within the agency's team of specialists.
DESK_ASSIGNMENT = env_choice("DESK_ASSIGNMENT", "unassigned", {"unassigned", "round_robin"})

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Checks the passwords; loads the accounts of sessions begun before the next one.
    "django.contrib.auth.backends.ModelBackend",
    # What a signed-in session names (accounts.signin): it loads the account of each request, nothing more.
    "accounts.backends.SignedInUserBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"

SESSION_COOKIE_AGE = 15 * 60
# Not saved on every request: accounts.middleware renews the idle timeout at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUST_X_FORWARDED_PROTO else None
SECURE_SSL_REDIRECT = SSL_REDIRECT
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # the balancer's probes speak plain HTTP to the instance
SECURE_HSTS_SECONDS = HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = HSTS_INCLUDE_SUBDOMAINS
SECURE_HSTS_PRELOAD = HSTS_PRELOAD
# No page uses a camera, a microphone, the location, payments or other devices: no script may ask for them.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), serial=(), usb=(), interest-cohort=()"
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "en-us"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": DOCUMENT_ROOT}},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if DOCUMENT_STORAGE == "s3":
    from botocore.config import Config as S3ClientConfig

    # Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, an
    # instance role). Objects are private, encrypted at rest, and never offered by URL: the app streams them.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": S3_REGION or None,
            "default_acl": "private",
            "object_parameters": {"ServerSideEncryption": "AES256"},
            "file_overwrite": False,
            "querystring_auth": True,  # a URL, if one were ever made, would expire; none is given out
            # A stalled endpoint fails the request in seconds instead of holding a worker.
            "client_config": S3ClientConfig(connect_timeout=5, read_timeout=20, retries={"max_attempts": 3}),
        },
    }
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
if not STATIC_MANIFEST:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even when serving from finders

# A form's fields (files aside) stay under 2.5 MiB, whatever the view. A file part goes only to an upload view
# (cases.documents.uploads: the gate), bounded there at 10 MB (MAX_DOCUMENT_BYTES); above FILE_UPLOAD_MAX_MEMORY_SIZE
# it is spooled to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600

GATEWAYS = {
    "sms": SMS_GATEWAY,
    "voice": VOICE_GATEWAY,
    "email": EMAIL_GATEWAY,
    "letter": LETTER_GATEWAY,
}
ADMINISTRATOR = {
    "name": ADMINISTRATOR_NAME,
    "phone": ADMINISTRATOR_PHONE,
    "tty": ADMINISTRATOR_TTY,
    "esc_phone": ESC_PHONE,
    "esc_url": ESC_URL,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- accounts ---
# Password rules by PASSWORD_PROFILE (docs/adr/0002-password-rules.md), also for the admin and `changepassword`.
AUTH_PASSWORD_VALIDATORS = [{"NAME": "accounts.passwords.ProfilePasswordValidator"}]
# A lockout answers with the same page as any failed sign-in; usernames are counted without case.
AXES_LOCKOUT_CALLABLE = "accounts.views.signin.lockout_response"
AXES_USERNAME_CALLABLE = "accounts.signin.axes_username"
# django-otp: the authenticator app shows the administrator's name; wrong codes back off 1, 2, 4... seconds.
OTP_TOTP_ISSUER = ADMINISTRATOR_NAME
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_PHONE_THROTTLE_FACTOR = 1
# Code-sending limits count in the default cache (Redis in production, so instances share them).
RATELIMIT_USE_CACHE = "limits"
# The idle-timeout modal opens this many seconds before SESSION_COOKIE_AGE runs out.
SESSION_IDLE_WARNING_SECONDS = 2 * 60

# --- accounts: the admin, sign-in limits, where codes may go (docs/security.md, docs/adr/0008-sign-in-limits.md) ---
# Django's admin is mounted only when set; off by default unless DEBUG. Even then it opens only for a superuser
# after the two-step sign-in (accounts.admin_access).
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", DEBUG)
