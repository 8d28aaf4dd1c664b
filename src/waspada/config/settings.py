"""Waspada settings: one module, every value from the environment, strict about bad values.

See docs/configuration.md for the full list of variables.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from waspada.config import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env.data_dir()

DEBUG = env.env_bool("WASPADA_DEBUG", False)
BEHIND_TLS_PROXY = env.env_bool("WASPADA_BEHIND_TLS_PROXY", False)
DEMO_MODE = env.env_bool("WASPADA_DEMO", False)
SECRET_KEY = env.secret("WASPADA_SECRET_KEY", DATA_DIR, nbytes=48)
# Keys of waspada.privacy: the master key wraps one data key per person (envelope encryption);
# earlier master keys stay readable during a rotation; the index key keys the blind indexes.
MASTER_KEY = env.master_key("WASPADA_MASTER_KEY", env.secret("WASPADA_MASTER_KEY", DATA_DIR))
MASTER_KEYS_PREVIOUS = env.previous_master_keys(DATA_DIR)
# Where those two come from when they are files: re-read when they change (rotation).
MASTER_KEY_FILES = env.master_key_files(DATA_DIR)
INDEX_KEY = env.master_key("WASPADA_INDEX_KEY", env.secret("WASPADA_INDEX_KEY", DATA_DIR))
# Keys waspada.audit's hash chain (HMAC) and signs its anchors; kept outside the database, so
# someone who can write the database but not read this key cannot rewrite the chain unseen.
AUDIT_KEY = env.master_key("WASPADA_AUDIT_KEY", env.secret("WASPADA_AUDIT_KEY", DATA_DIR))
# Signed heads of the audit chain, appended daily and at every backup (outside the database).
AUDIT_ANCHOR_FILE = env.env_path("WASPADA_AUDIT_ANCHORS", DATA_DIR / "audit-anchors.jsonl")
# Every destroyed data key (erasure), outside the database, re-applied by a restore.
ERASURE_LEDGER_FILE = env.env_path("WASPADA_ERASURE_LEDGER", DATA_DIR / "erasure-ledger.jsonl")
# Data-sharing releases (CTDC, synthetic, HTCDS files), written atomically, mode 600.
SHARING_RELEASE_DIR = env.env_path("WASPADA_RELEASES", DATA_DIR / "releases")
# Encrypts backups (waspada.backup); never stored in them, nor in the database.
BACKUP_KEY = env.master_key("WASPADA_BACKUP_KEY", env.secret("WASPADA_BACKUP_KEY", DATA_DIR))

ALLOWED_HOSTS = env.env_list("WASPADA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
# (waspada.ui.middleware.ClientAddressMiddleware); from any other peer they are dropped.
WASPADA_TRUSTED_PROXIES = env.trusted_proxies("WASPADA_TRUSTED_PROXIES")
# Set when a TLS-terminating proxy sits in front of the app.
if BEHIND_TLS_PROXY:
    if not WASPADA_TRUSTED_PROXIES:
        raise ImproperlyConfigured(
            "WASPADA_BEHIND_TLS_PROXY=1 needs WASPADA_TRUSTED_PROXIES: the address of the "
            "reverse proxy (e.g. 127.0.0.1), whose X-Forwarded-For and -Proto are then believed"
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.env_int("WASPADA_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
# Forms posted through the TLS proxy come from https://<allowed host>.
CSRF_TRUSTED_ORIGINS = env.env_list(
    "WASPADA_CSRF_TRUSTED_ORIGINS", env.https_origins(ALLOWED_HOSTS) if BEHIND_TLS_PROXY else []
)
if DEBUG and (BEHIND_TLS_PROXY or env.non_local_hosts(ALLOWED_HOSTS)):
    raise ImproperlyConfigured(
        "WASPADA_DEBUG=1 is refused outside this machine (with WASPADA_BEHIND_TLS_PROXY or "
        "WASPADA_ALLOWED_HOSTS other than 127.0.0.1/localhost): debug pages show settings "
        "and personal data"
    )

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Second factor (TOTP and one-time recovery codes), waspada.accounts.second_factor.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "waspada.accounts",
    "waspada.audit",
    "waspada.ui",
    "waspada.privacy",
    "waspada.jobs",
    "waspada.notifications",
    "waspada.prevention",
    "waspada.cases",
    "waspada.identification",
    "waspada.assistance",
    "waspada.referrals",
    "waspada.repatriation",
    "waspada.imports",
    "waspada.legal",
    "waspada.evidence",
    "waspada.trainings",
    "waspada.campaigns",
    "waspada.lapor",
    "waspada.intel",
    "waspada.reports",
    "waspada.sharing",
    "waspada.administration",
    "waspada.api",
    "waspada.workbench",
    # django-ninja's static files and templates: the interactive API docs served locally.
    "ninja",
    # Built-in widget templates, last: waspada.ui overrides select.html (speed).
    "django.forms",
]

MIDDLEWARE = [
    "waspada.ui.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "waspada.ui.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "waspada.ui.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "waspada.ui.middleware.DenyByDefaultMiddleware",
    "waspada.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Form widgets render with the project's templates, so waspada.ui can override them.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
ROOT_URLCONF = "waspada.config.urls"
WSGI_APPLICATION = "waspada.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "waspada.ui.context_processors.shell",
            ],
        },
    },
]

DATABASES = {"default": env.database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["waspada.accounts.backends.WaspadaBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:dashboard"
LOGOUT_REDIRECT_URL = "ui:home"

# NIST SP 800-63B: length, and no password on the shipped list of breached or common ones
# (accounts/data/common-passwords.txt plus, outside demo mode, the public demo password); no
# composition rules and no forced periodic change.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "waspada.accounts.passwords.BreachedPasswordValidator"},
]
# Other organisations' access to a case (accepted referrals) ends this many days after the
# case is closed (0: at once).
WASPADA_CLOSED_CASE_ACCESS_DAYS = env.env_int("WASPADA_CLOSED_CASE_ACCESS_DAYS", 30, minimum=0)
# Duplicate checks (registration and the deliberate check) allowed per user and hour.
WASPADA_DUPLICATE_CHECKS_PER_HOUR = env.env_int("WASPADA_DUPLICATE_CHECKS_PER_HOUR", 30, minimum=1)
# API tokens end this many days after their creation unless revoked earlier.
WASPADA_TOKEN_DAYS = env.env_int("WASPADA_TOKEN_DAYS", 90, minimum=1)
# The issuer shown in authenticator apps next to the account name.
OTP_TOTP_ISSUER = env.env_str("WASPADA_OTP_ISSUER", "Waspada")

# Sessions end after this many minutes without activity (sliding expiry).
SESSION_IDLE_MINUTES = env.env_int("WASPADA_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent on every response by waspada.ui.middleware.SecurityHeadersMiddleware. The pages use no
# script at all and only the stylesheet files: nothing inline, nothing from elsewhere.
WASPADA_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; base-uri 'none'; object-src 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
WASPADA_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "waspada_lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
# One date format per language for every page (waspada/ui/formats): "4 Des 2026", "4 Dec 2026".
FORMAT_MODULE_PATH = ["waspada.ui.formats"]
TIME_ZONE = env.env_str("WASPADA_TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Static files are served by the app itself (WhiteNoise); no CDN is ever used.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Rate limits and login throttles count in this cache; shared by all processes with Redis.
CACHES = {"default": env.cache("WASPADA_CACHE_URL")}
WASPADA_SHARED_CACHE = "redis" in CACHES["default"]["BACKEND"].lower()

# Public job-offer checks allowed per client address and minute (page and API each).
WASPADA_SCREEN_RATE_PER_MINUTE = env.env_int("WASPADA_SCREEN_RATE_PER_MINUTE", 30, minimum=1)

# Public reports (Lapor): reports accepted per client address and hour; wrong code/PIN answers
# allowed per client address and hour on the status page; wrong PINs in a row before a code is
# locked for an hour; largest attachment in megabytes.
WASPADA_LAPOR_RATE_PER_HOUR = env.env_int("WASPADA_LAPOR_RATE_PER_HOUR", 20, minimum=1)
WASPADA_LAPOR_STATUS_FAILURES_PER_HOUR = env.env_int(
    "WASPADA_LAPOR_STATUS_FAILURES_PER_HOUR", 20, minimum=1
)
WASPADA_LAPOR_PIN_ATTEMPTS = env.env_int("WASPADA_LAPOR_PIN_ATTEMPTS", 5, minimum=1)
WASPADA_LAPOR_FILE_MAX_MB = env.env_int("WASPADA_LAPOR_FILE_MAX_MB", 10, minimum=1)

# Failed logins allowed per account and per client address in 15 minutes (accounts.throttle).
WASPADA_LOGIN_FAILURES_PER_ACCOUNT = env.env_int("WASPADA_LOGIN_FAILURES_PER_ACCOUNT", 5, minimum=1)
WASPADA_LOGIN_FAILURES_PER_ADDRESS = env.env_int(
    "WASPADA_LOGIN_FAILURES_PER_ADDRESS", 30, minimum=1
)

# After a case transfer is accepted, the sender keeps read access for this many days.
WASPADA_TRANSFER_READ_DAYS = env.env_int("WASPADA_TRANSFER_READ_DAYS", 30, minimum=0)

# Largest evidence file accepted, in megabytes.
WASPADA_EVIDENCE_MAX_MB = env.env_int("WASPADA_EVIDENCE_MAX_MB", 50, minimum=1)
# Uploads stream to temporary files on disk rather than memory above this size; those files
# are encrypted as they arrive under a key held only in memory (waspada.uploads), and stay
# inside the data folder (mode 700) rather than the shared system temp folder.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "waspada.uploads.SealedTemporaryFileUploadHandler",
]
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "tmp"
FILE_UPLOAD_TEMP_DIR.mkdir(mode=0o700, exist_ok=True)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Largest request body the server accepts: the largest upload (evidence) and 1 MB for the rest
# of the form. waitress refuses a larger Content-Length before reading the body, and stops a
# chunked body at this size (waspada.config.server).
WASPADA_REQUEST_MAX_BYTES = (WASPADA_EVIDENCE_MAX_MB + 1) * 1024 * 1024

# waitress (`waspada run`): worker threads and open connections, measured in
# docs/performance.md ("Many clients at once").
WASPADA_THREADS = env.env_int("WASPADA_THREADS", 8, minimum=1)
WASPADA_CONNECTION_LIMIT = env.env_int("WASPADA_CONNECTION_LIMIT", 1000, minimum=1)
WASPADA_PROCESSES = env.env_int("WASPADA_PROCESSES", 1, minimum=1)

# Background jobs (waspada.jobs): Celery with this broker (Redis) when set, run by
# `waspada worker` and `waspada scheduler`; otherwise in a thread of the web process.
# WASPADA_JOBS_EAGER=1 runs them inside the request (tests, debugging).
WASPADA_BROKER_URL = env.broker_url("WASPADA_BROKER_URL")
WASPADA_JOBS_EAGER = env.env_bool("WASPADA_JOBS_EAGER", False)
# How long a job taken by a worker may run before the broker hands it to another worker: the
# message of a worker that died (killed, out of memory, power) comes back after this time.
# Keep it above the longest job (a rebuild of the intelligence index at national scale).
WASPADA_BROKER_VISIBILITY_TIMEOUT = env.env_int(
    "WASPADA_BROKER_VISIBILITY_TIMEOUT", 3600, minimum=1
)
WASPADA_JOB_FILES = DATA_DIR / "jobs"
# Files that jobs made (exports, PDFs) are removed, and their keys destroyed, this many days
# after the job finished (daily, `jobs.files_expire`).
WASPADA_JOB_FILES_DAYS = env.env_int("WASPADA_JOB_FILES_DAYS", 7, minimum=1)

# E-mail: WASPADA_EMAIL_URL (smtp://user:password@host:587?tls=1) or the EMAIL_* variables;
# otherwise (the default and demo) every message is written as a .eml file into the outbox.
WASPADA_OUTBOX_DIR = env.env_path("WASPADA_OUTBOX_DIR", DATA_DIR / "outbox")
_EMAIL = env.email(WASPADA_OUTBOX_DIR)
EMAIL_BACKEND = _EMAIL["EMAIL_BACKEND"]
EMAIL_HOST = _EMAIL["EMAIL_HOST"]
EMAIL_PORT = int(_EMAIL["EMAIL_PORT"])
EMAIL_HOST_USER = _EMAIL["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _EMAIL["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = bool(_EMAIL["EMAIL_USE_TLS"])
EMAIL_USE_SSL = bool(_EMAIL["EMAIL_USE_SSL"])
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env.env_str("WASPADA_EMAIL_FROM", "Waspada <waspada@localhost>")
# Links in e-mails point here (no request to take the host from in a worker).
WASPADA_BASE_URL = env.env_str("WASPADA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Personal data must never reach logs: keep Django's defaults but never log request bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"forbidden_one_line": {"()": "waspada.config.logfilters.ForbiddenOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.env_str("WASPADA_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # fontTools logs every font it subsets for a PDF report at INFO, a dozen lines a font.
        "fontTools": {"level": "WARNING"},
        # waitress warns once per request queued behind busy threads: a flood under load.
        "waitress.queue": {"level": "ERROR"},
        # A refused request is routine (deny by default): one line, not a traceback.
        "django.request": {"filters": ["forbidden_one_line"]},
        # Pillow logs every EXIF tag it reads at DEBUG (GPS position, camera owner…) while a
        # public report's photos are cleaned: never, whatever WASPADA_LOG_LEVEL says.
        "PIL": {"level": "INFO"},
    },
}
