"""Waspada settings: one module, every value from the environment, strict about bad values.

See docs/configuration.md for the full list of variables.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from waspada.config import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env.data_dir()

DEBUG = env.env_bool("WASPADA_DEBUG", False)
DEMO_MODE = env.env_bool("WASPADA_DEMO", False)
SECRET_KEY = env.secret("WASPADA_SECRET_KEY", DATA_DIR, nbytes=48)
# Keys of waspada.privacy: the master key wraps one data key per person (envelope encryption);
# earlier master keys stay readable during a rotation; the index key keys the blind indexes.
MASTER_KEY = env.master_key("WASPADA_MASTER_KEY", env.secret("WASPADA_MASTER_KEY", DATA_DIR))
MASTER_KEYS_PREVIOUS = env.previous_master_keys(DATA_DIR)
INDEX_KEY = env.master_key("WASPADA_INDEX_KEY", env.secret("WASPADA_INDEX_KEY", DATA_DIR))

ALLOWED_HOSTS = env.env_list("WASPADA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.env_list("WASPADA_CSRF_TRUSTED_ORIGINS", [])
# Set when a TLS-terminating proxy sits in front of the app.
if env.env_bool("WASPADA_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "waspada.accounts",
    "waspada.audit",
    "waspada.ui",
    "waspada.privacy",
    "waspada.prevention",
    "waspada.cases",
    "waspada.identification",
    "waspada.assistance",
    "waspada.referrals",
    "waspada.repatriation",
    "waspada.legal",
    "waspada.evidence",
    "waspada.trainings",
    "waspada.campaigns",
    "waspada.lapor",
    "waspada.reports",
    "waspada.administration",
    "waspada.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "waspada.ui.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "waspada.ui.middleware.DenyByDefaultMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "waspada_lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.env_str("WASPADA_TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Static files are served by the app itself (WhiteNoise); no CDN is ever used.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

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

# Personal data must never reach logs: keep Django's defaults but never log request bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.env_str("WASPADA_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # fontTools logs every font it subsets for a PDF report at INFO, a dozen lines a font.
        "fontTools": {"level": "WARNING"},
        # Pillow logs every EXIF tag it reads at DEBUG (GPS position, camera owner…) while a
        # public report's photos are cleaned: never, whatever WASPADA_LOG_LEVEL says.
        "PIL": {"level": "INFO"},
    },
}
