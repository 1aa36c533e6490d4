"""All configuration comes from environment variables (see README, "Configuration").

Small typed readers fail loudly on a malformed value instead of guessing, and with
debug off the app refuses to boot without a real secret key and allowed hosts.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def envint(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envrate(name: str, default: str) -> str | None:
    """A throttle rate such as "1000/hour" (second, minute, hour or day); "off" for none."""
    raw = (os.environ.get(name) or default).strip().lower()
    if raw == "off":
        return None
    count, _slash, period = raw.partition("/")
    if not (count.isdigit() and int(count) > 0 and period in {"second", "minute", "hour", "day"}):
        raise ImproperlyConfigured(
            f'{name} must look like "1000/hour" (second, minute, hour or day) or "off"; got {raw!r}'
        )
    return raw


DEBUG = envbool("DJANGO_DEBUG", default=False)

# Values that look like a key but are not one: refused when debug is off.
PLACEHOLDER_SECRET_KEYS = {"", "changeme", "change-me", "secret", "insecure", "django-insecure"}
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not DEBUG and (
    SECRET_KEY.strip().lower() in PLACEHOLDER_SECRET_KEYS
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 32
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 32 characters when "
        "DJANGO_DEBUG is off (`make run` creates one in .secret_key)."
    )
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "debug-only-key-not-for-production"

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS")

PORT = envint("PORT", 8000, minimum=1)

INSTALLED_APPS = [
    "cooperation.apps.CooperationAdminConfig",  # django.contrib.admin with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "cooperation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header (CONTENT_SECURITY_POLICY below).
    "cooperation.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Hands the signed-in user to the history of every change (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cooperation.urls"
WSGI_APPLICATION = "cooperation.wsgi.application"

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
            ],
        },
    },
]


def envdatabase(name: str, default: str) -> dict:
    """A database URL (dj-database-url); an empty value counts as unset."""
    url = os.environ.get(name, "").strip() or default
    try:
        return dj_database_url.parse(url, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0, minimum=0))
    except ValueError as error:  # dj-database-url's unknown-scheme error is a ValueError
        raise ImproperlyConfigured(
            f"{name} must be a database URL such as postgres://user@host:5432/name; got {url!r} ({error})"
        ) from None


# Unset: an SQLite file inside the project (ignored by git).
DATABASES = {"default": envdatabase("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite takes its write lock when a transaction begins, not half-way through it, so
    # concurrent writers (several gunicorn workers) wait up to 20 s instead of failing
    # with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
# Concurrent test runs on one PostgreSQL server need distinct test database names.
if os.environ.get("DATABASE_TEST_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DATABASE_TEST_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in attempts are counted by django-axes (README, "The admin"): after
# DJANGO_LOGIN_FAILURE_LIMIT failures for one user name from one address, that pair is
# locked out for DJANGO_LOGIN_COOLOFF_MINUTES. The axes backend comes first so that it
# refuses a locked-out pair before any password is checked.
AUTHENTICATION_BACKENDS = [
    "cooperation.auth.LoginAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("DJANGO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=envint("DJANGO_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
# The pair, not the address alone (colleagues behind one office address) nor the name alone
# (anyone could lock a known editor out from anywhere).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cooperation.auth.lockout_response"
# The client address as the API throttle reads it: X-Forwarded-For behind DJANGO_API_NUM_PROXIES proxies.
AXES_CLIENT_IP_CALLABLE = "cooperation.auth.client_ip"

# The publication workflow (README, "The admin"): with this on, a reviewer may not publish
# a record whose last change is their own: a second pair of eyes sees every figure.
REQUIRE_SECOND_REVIEWER = envbool("DJANGO_REQUIRE_SECOND_REVIEWER", default=True)
# Reasons given for a change can be longer than a line.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# The admin import keeps an uploaded file between its preview and the confirmation in
# this directory (at most an hour; several app servers need it shared), up to this size.
ADMIN_IMPORT_DIR = Path(os.environ.get("DJANGO_ADMIN_IMPORT_DIR") or tempfile.gettempdir()) / "cooperation-imports"
ADMIN_IMPORT_MAX_MB = envint("DJANGO_ADMIN_IMPORT_MAX_MB", 20, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ht", _("Haitian Creole")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Files under their content-hashed names (what the pages link to) are cached forever by
# whitenoise; the unhashed names keep its short default, since their content can change.

# Security: strict by default when debug is off; the proxy header and HTTPS redirect
# can be relaxed for a plain-HTTP local deployment (`make run`).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything from the site itself, nothing inline, no eval (cooperation/csp.py). The
# embeds (/embed/<chart>/) widen frame-ancestors to any site.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # Plotly draws the PNG download from a data: and a blob: image of the chart.
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# The API (README, "API"). Anonymous clients are throttled per IP address at
# DJANGO_API_ANON_THROTTLE ("<number>/<second|minute|hour|day>", or "off"); behind
# DJANGO_API_NUM_PROXIES reverse proxies the client address is read from X-Forwarded-For.
API_ANON_THROTTLE = envrate("DJANGO_API_ANON_THROTTLE", "1000/hour")
API_NUM_PROXIES = envint("DJANGO_API_NUM_PROXIES", 0, minimum=0)

REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "cooperation.api.pagination.Pagination",
    "PAGE_SIZE": 100,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["cooperation.api.throttling.AnonymousThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_THROTTLE},
    "NUM_PROXIES": API_NUM_PROXIES,
    "DEFAULT_SCHEMA_CLASS": "cooperation.api.schema.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Mexico-Haiti security cooperation tracker API",
    "DESCRIPTION": (
        "Sourced figures on what Mexico and other partners have done to train and equip Haitian "
        "security forces. Every list answers JSON pages or, with ?format=csv, every matching row as CSV."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v[0-9]",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "cooperation.models.Status",
        "InstitutionKindEnum": "cooperation.models.InstitutionKind",
        "SourceKindEnum": "cooperation.models.SourceKind",
        "PledgeKindEnum": "cooperation.models.PledgeKind",
        "QualifierEnum": "cooperation.models.Qualifier",
        "DatePrecisionEnum": "cooperation.partialdates.DatePrecision",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
