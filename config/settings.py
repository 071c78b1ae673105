"""Settings for Fair Hearing, read from environment variables.

Local development needs no configuration: it uses SQLite in ./var and a throwaway secret key.
Production (FAIRHEARING_ENV=production) refuses to start without a secret key, allowed hosts and
a database URL, so a half-configured server never comes up with unsafe defaults.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FAIRHEARING_VAR_DIR", BASE_DIR / "var"))

ENVIRONMENT = os.environ.get("FAIRHEARING_ENV", "development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        f"FAIRHEARING_ENV must be development, test or production, not {ENVIRONMENT!r}."
    )
IS_PRODUCTION = ENVIRONMENT == "production"


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


if IS_PRODUCTION:
    _missing = [
        name
        for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")
        if not os.environ.get(name, "").strip()
    ]
    if _missing:
        raise ImproperlyConfigured(
            "Production settings need these environment variables: " + ", ".join(_missing)
        )

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "insecure-development-key-never-use-in-production"
DEBUG = _env_bool("DJANGO_DEBUG", default=ENVIRONMENT == "development")
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "testserver"]
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "fairhearing.core",
    "fairhearing.workingdays",
    "fairhearing.accounts",
    "fairhearing.audit",
    "fairhearing.people",
    "fairhearing.cases",
    "fairhearing.stages",
    "fairhearing.ombudsman",
    "fairhearing.learning",
    "fairhearing.reports",
    "fairhearing.intake",
    "fairhearing.staff",
    "fairhearing.letters",
    "fairhearing.notifications",
    "fairhearing.publicforms",
    "fairhearing.demo",
    "fairhearing.bench",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into a refusal.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username out for an hour after 5 failed sign-ins (per username and address).
AXES_FAILURE_LIMIT = int(os.environ.get("FAIRHEARING_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Axes would otherwise log each failed username and address; the attempts table is enough.
AXES_VERBOSE = False

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fairhearing" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fairhearing.core.context_processors.council",
                "fairhearing.staff.context_processors.navigation",
            ],
        },
    },
]

_default_sqlite = f"sqlite:///{VAR_DIR / 'fairhearing.sqlite3'}"
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_sqlite,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a management command share the file.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiles a query's expressions when its estimated cost is high; for the site's short
    # queries that costs more than it saves (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Uploaded documents: outside the web root, served only through a permission-checked view.
DOCUMENTS_ROOT = Path(os.environ.get("FAIRHEARING_DOCUMENTS_DIR", VAR_DIR / "documents"))
# The largest file a user may upload, in megabytes.
DOCUMENT_MAX_MB = int(os.environ.get("FAIRHEARING_DOCUMENT_MAX_MB", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Files in one request: every form takes one file at a time (Django's default of 100 lets one
# anonymous request fill the temporary disk before anything checks it).
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_PERMISSIONS = 0o640

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "fairhearing" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Sessions end when the browser closes and after 8 hours at most: shared council machines.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preloading commits the council's whole domain to HTTPS for years: the council's decision.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# The council running this instance: shown in the header and on letters.
COUNCIL_NAME = os.environ.get("FAIRHEARING_COUNCIL_NAME", "Demo Borough Council")
COUNCIL_SERVICE_NAME = os.environ.get("FAIRHEARING_SERVICE_NAME", "Children's Services complaints")
# Optional logo (a path under static/ or a full URL) and the header colour (a hex colour with enough
# contrast against white text, checked by the brand colour check in fairhearing.core).
COUNCIL_LOGO = os.environ.get("FAIRHEARING_COUNCIL_LOGO", "")
COUNCIL_BRAND_COLOUR = os.environ.get("FAIRHEARING_BRAND_COLOUR", "#0b0c0c")
# Prefix of complaint references, e.g. CSC-2026-0042.
COMPLAINT_REFERENCE_PREFIX = os.environ.get("FAIRHEARING_REFERENCE_PREFIX", "CSC")
# The council's own Word template for reports (a copy of fairhearing/reports/word/report-template.docx
# restyled in Word). Empty: the built-in template.
REPORT_DOCX_TEMPLATE = os.environ.get("FAIRHEARING_REPORT_TEMPLATE", "")

# Email (docs/email.md). Every email waits in the outbox table until the send_email worker delivers
# it, so nothing is lost while the mail server is down. FAIRHEARING_EMAIL_BACKEND: "smtp" (the
# default in production), "console" (the default elsewhere: the worker prints each email instead of
# sending it) or "notify" (GOV.UK Notify, with one generic template taking ((subject)) and ((body))).
EMAIL_DELIVERY = (
    os.environ.get("FAIRHEARING_EMAIL_BACKEND", "").strip().lower() or ("smtp" if IS_PRODUCTION else "console")
)
if EMAIL_DELIVERY not in {"smtp", "console", "notify"}:
    raise ImproperlyConfigured(
        f"FAIRHEARING_EMAIL_BACKEND must be smtp, console or notify, not {EMAIL_DELIVERY!r}."
    )
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if EMAIL_DELIVERY == "console"
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("FAIRHEARING_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("FAIRHEARING_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("FAIRHEARING_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FAIRHEARING_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("FAIRHEARING_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = _env_bool("FAIRHEARING_EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set FAIRHEARING_EMAIL_USE_TLS or FAIRHEARING_EMAIL_USE_SSL, not both.")
# Seconds to wait for the mail server: a hung server must not hold the worker for ever.
EMAIL_TIMEOUT = int(os.environ.get("FAIRHEARING_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("FAIRHEARING_EMAIL_FROM", "complaints@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The complaints team's address, given to complainants in acknowledgements.
COMPLAINTS_CONTACT_EMAIL = os.environ.get("FAIRHEARING_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
NOTIFY_API_KEY = os.environ.get("FAIRHEARING_NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("FAIRHEARING_NOTIFY_TEMPLATE_ID", "")
NOTIFY_BASE_URL = os.environ.get("FAIRHEARING_NOTIFY_BASE_URL", "") or "https://api.notifications.service.gov.uk"
if EMAIL_DELIVERY == "notify" and not (NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID):
    raise ImproperlyConfigured(
        "FAIRHEARING_EMAIL_BACKEND=notify needs FAIRHEARING_NOTIFY_API_KEY and FAIRHEARING_NOTIFY_TEMPLATE_ID."
    )
# The address of this site, for links in emails (staff sign in to see what a link points to).
SITE_URL = (
    os.environ.get("FAIRHEARING_SITE_URL", "").strip()
    or (f"https://{ALLOWED_HOSTS[0]}" if IS_PRODUCTION else "http://127.0.0.1:8000")
).rstrip("/")

# Reminder emails (docs/reminders.md): the daily digest lists what each person holds that is overdue
# or due within this many working days (manage.py send_reminders --days overrides it).
REMINDER_WORKING_DAYS = int(os.environ.get("FAIRHEARING_REMINDER_WORKING_DAYS", "5"))
if REMINDER_WORKING_DAYS < 0:
    raise ImproperlyConfigured("FAIRHEARING_REMINDER_WORKING_DAYS cannot be negative.")

# Public complaint and compliment forms (docs/public-forms.md). Abuse protection needs no cache
# server: a throttle counts, per client address, the forms sent and files uploaded in the last hour
# and day in the database (an HMAC of the address, never the address itself).
PUBLIC_FORMS_SUBMISSIONS_PER_HOUR = int(os.environ.get("FAIRHEARING_PUBLIC_SUBMISSIONS_PER_HOUR", "5"))
PUBLIC_FORMS_SUBMISSIONS_PER_DAY = int(os.environ.get("FAIRHEARING_PUBLIC_SUBMISSIONS_PER_DAY", "20"))
PUBLIC_FORMS_UPLOADS_PER_HOUR = int(os.environ.get("FAIRHEARING_PUBLIC_UPLOADS_PER_HOUR", "30"))
# Files a person may send with a complaint, and the largest, in megabytes.
PUBLIC_FORMS_MAX_FILES = int(os.environ.get("FAIRHEARING_PUBLIC_MAX_FILES", "3"))
PUBLIC_FORMS_FILE_MAX_MB = int(os.environ.get("FAIRHEARING_PUBLIC_FILE_MAX_MB", "10"))
# Prefix of the reference a person is given, e.g. ONL-2026-00042.
PUBLIC_FORMS_REFERENCE_PREFIX = os.environ.get("FAIRHEARING_ONLINE_REFERENCE_PREFIX", "ONL")
# Who to contact for an advocate, shown on the young person's form (e.g. "NYAS on 0808 808 1001,
# free"). Empty: the form says to ask the complaints team.
PUBLIC_FORMS_ADVOCACY_CONTACT = os.environ.get("FAIRHEARING_ADVOCACY_CONTACT", "")
# How many reverse proxies in front of the site add X-Forwarded-For. 0 (the default): the client
# address is REMOTE_ADDR and X-Forwarded-For is ignored, since anyone can send it.
TRUSTED_PROXY_COUNT = int(os.environ.get("FAIRHEARING_TRUSTED_PROXY_COUNT", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint reports progress at INFO for every PDF; only its warnings are worth keeping.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
