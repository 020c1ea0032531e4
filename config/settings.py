"""Settings for the Longhua affordable-housing portal, read from the environment.

DATABASE_URL  default: a SQLite file in the project (var/portal.sqlite3)
REDIS_URL     default: none; Celery then uses kombu's filesystem transport in
              var/celery/ so the worker and beat still really run (docs/decisions/0002)
SECRET_KEY    required unless DJANGO_DEBUG=1
"""

from pathlib import Path
import os
import secrets

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.schedule import BEAT_SCHEDULE, JOB_MODULES

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Without a key outside development, commands that sign nothing (makemigrations, check, compilemessages)
# still run, on a throw-away key; the web server and the worker refuse to start (config/startup.py).
SECRET_KEY_MISSING = not SECRET_KEY and not DEBUG
if not SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production" if DEBUG else secrets.token_urlsafe(50)

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_fsm",
    "import_export",
    "django_otp",  # the second factor of heads and system administrators (docs/decisions/0029)
    "django_otp.plugins.otp_totp",
    "simple_history",  # before/after values of reference data and staff accounts (docs/decisions/0042)
    "departments",
    "housing",
    "publicity",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",  # no inline script or style (docs/decisions/0026)
    "config.security.PrivateStaffPagesMiddleware",  # Cache-Control: private, no-store outside /public/
    "config.security.RefuseUnknownHostMiddleware",  # a Host outside ALLOWED_HOSTS: 400, even for a cached page
    "config.middleware.RefuseControlCharactersMiddleware",  # a control character in the URL: 400, before all else
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "publicity.cache.PublicPageCacheMiddleware",  # cached public pages, before sessions (decision 0012)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "simple_history.middleware.HistoryRequestMiddleware",  # who changed reference data (docs/decisions/0042)
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "departments.middleware.IdleTimeoutMiddleware",  # signed out after STAFF_IDLE_MINUTES without a request
    "departments.middleware.SecondFactorMiddleware",  # heads and administrators: the app's code after the password
    "housing.rosters.middleware.EmployerPagesOnlyMiddleware",  # an employer's sign-in: its own roster pages only
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "departments.context_processors.staff_navigation",
                "housing.web.navigation.header_navigation",  # the header per role (decision 0045)
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several clerks and the worker write at once: wait for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "departments.StaffUser"
LOGIN_URL = "departments:login"
LOGIN_REDIRECT_URL = "housing:work_queue"
LOGOUT_REDIRECT_URL = "departments:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (docs/decisions/0025): after LOGIN_MAX_FAILURES failures with one user name from one address,
# or LOGIN_ADDRESS_MAX_FAILURES from one address whatever the names, that address waits for the end of a window of
# LOGIN_LOCK_MINUTES. Behind a proxy, set TRUSTED_PROXY_COUNT so each client's own address is counted.
LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
LOGIN_ADDRESS_MAX_FAILURES = int(os.environ.get("LOGIN_ADDRESS_MAX_FAILURES", "50"))
LOGIN_LOCK_MINUTES = int(os.environ.get("LOGIN_LOCK_MINUTES", "15"))
# A staff session ends after STAFF_IDLE_MINUTES without a request (departments.middleware), and in any case
# SESSION_COOKIE_AGE after signing in.
STAFF_IDLE_MINUTES = int(os.environ.get("STAFF_IDLE_MINUTES", "30"))
# The roles that sign in with a code from an authenticator app besides the password (docs/decisions/0029); system
# administrators (superusers) always do.
SECOND_FACTOR_ROLES = ("head", "sysadmin")
OTP_TOTP_ISSUER = "龙华保障房平台"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# HTTPS only unless DJANGO_DEBUG=1 (docs/decisions/0026): plain HTTP is redirected and browsers are told to use
# HTTPS for a year (HSTS); `make run` keeps plain HTTP on 127.0.0.1.
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # a monitor on the server itself asks gunicorn over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD")
if not SECURE_HSTS_PRELOAD:
    # Preloading binds the whole registrable domain in every browser for months: the domain owner's call
    # (SECURE_HSTS_PRELOAD=1), not a default of the portal; check --deploy would otherwise warn about it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Behind the HTTPS proxy gunicorn sees plain HTTP. SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto trusts that header's
# "https" as the visitor's scheme: set it only when the proxy writes the header on every request, over whatever
# the client sent.
_proxy_ssl_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None)
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY", "same-origin")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # no page of the portal is shown in a frame

# R-X.4: Simplified Chinese by default, English complete; Asia/Shanghai.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded materials: what the checklist accepts.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = DOCUMENT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Evidence of an objection filed online (R-16.6; docs/decisions/0013): PDF, JPG or PNG, checked by content.
OBJECTION_EVIDENCE_MAX_BYTES = int(os.environ.get("OBJECTION_EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024)))

# Public forms and lookups, per client IP, in fixed windows: scope -> (requests, window in seconds)
# (docs/decisions/0013). "filing": objections and inquiries filed; "lookup": following one by receipt number;
# "status": the applicant's status lookup; "status_number": failed status lookups of one application number
# from anywhere, so an ID number cannot be guessed from many addresses.
PUBLIC_RATE_LIMITS = {
    "filing": (int(os.environ.get("RATE_FILINGS_PER_HOUR", "5")), 3600),
    "lookup": (int(os.environ.get("RATE_LOOKUPS_PER_MINUTE", "10")), 60),
    "status": (int(os.environ.get("RATE_STATUS_LOOKUPS_PER_MINUTE", "10")), 60),
    "status_number": (int(os.environ.get("RATE_STATUS_FAILURES_PER_NUMBER_PER_HOUR", "20")), 3600),
    # Objections filed online, whatever the addresses they come from (docs/decisions/0028): per entry of a notice
    # in a day, and per notice in an hour.
    "objection_entry": (int(os.environ.get("RATE_OBJECTIONS_PER_ENTRY_PER_DAY", "5")), 86400),
    "objection_notice": (int(os.environ.get("RATE_OBJECTIONS_PER_NOTICE_PER_HOUR", "30")), 3600),
    # Codes that prove an objector's contact (docs/decisions/0035): per contact and per address in an hour.
    "contact_code": (int(os.environ.get("RATE_CONTACT_CODES_PER_CONTACT_PER_HOUR", "3")), 3600),
    "contact_code_ip": (int(os.environ.get("RATE_CONTACT_CODES_PER_ADDRESS_PER_HOUR", "10")), 3600),
}
# How many reverse proxies of ours stand in front and append to X-Forwarded-For. 0: the client is REMOTE_ADDR
# and the header, which any client can write, is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "longhua"),
        }
    }
    CELERY_BROKER_URL = REDIS_URL
else:
    # Embedded default: a folder every process shares, so the worker's invalidation reaches the web server.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(VAR_DIR / "cache"), "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "longhua")}}
    # Embedded default: a real worker reading a folder queue, no server needed.
    CELERY_BROKER_URL = "filesystem://"
    _queue = VAR_DIR / "celery" / "queue"
    _queue.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "processed").mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "control").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
        "control_folder": str(VAR_DIR / "celery" / "control"),
        # The folder is polled; a short interval keeps notices prompt (about 18 tasks/s).
        "polling_interval": 0.1,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# Every task is idempotent (config/schedule.py), so one whose worker process died is handed out again rather than
# lost, and one that hangs is stopped: a SoftTimeLimitExceeded in the task first, then the process is killed. The
# hard limit stays under the Redis broker's visibility timeout (one hour), after which a message not yet
# acknowledged would be handed out a second time while it still runs (docs/decisions/0026).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("JOB_SOFT_TIME_LIMIT", "1500"))
CELERY_TASK_TIME_LIMIT = int(os.environ.get("JOB_TIME_LIMIT", "1800"))
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE
CELERY_IMPORTS = JOB_MODULES
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ALWAYS_EAGER = False

# R-16.d: messages to applicants (housing/messaging/, docs/sms-gateway.md, docs/decisions/0031). SMS through the
# backend named here, as Django names its e-mail backend: a file under PORTAL_VAR_DIR by default, the government SMS
# platform in production (housing.messaging.backends.http.HttpGatewayBackend with the SMS_GATEWAY_* variables).
SMS_BACKEND = os.environ.get("SMS_BACKEND", "housing.messaging.backends.file.FileBackend")
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(VAR_DIR / "sms"))
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_ACCOUNT = os.environ.get("SMS_GATEWAY_ACCOUNT", "")
SMS_GATEWAY_SECRET = os.environ.get("SMS_GATEWAY_SECRET", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")
SMS_GATEWAY_CONNECT_TIMEOUT = float(os.environ.get("SMS_GATEWAY_CONNECT_TIMEOUT", "3"))
SMS_GATEWAY_READ_TIMEOUT = float(os.environ.get("SMS_GATEWAY_READ_TIMEOUT", "10"))
SMS_SIGNATURE = os.environ.get("SMS_SIGNATURE", "龙华区住房保障")
SMS_MAX_CHARS = int(os.environ.get("SMS_MAX_CHARS", "200"))
# Attempts per message (the first and the retries), the first wait in seconds (doubled each time) and its cap.
MESSAGE_MAX_ATTEMPTS = int(os.environ.get("MESSAGE_MAX_ATTEMPTS", "6"))
MESSAGE_RETRY_BACKOFF = float(os.environ.get("MESSAGE_RETRY_BACKOFF", "30"))
MESSAGE_RETRY_BACKOFF_MAX = float(os.environ.get("MESSAGE_RETRY_BACKOFF_MAX", "3600"))
# E-mail through Django's backend: files under PORTAL_VAR_DIR by default; EMAIL_BACKEND=…smtp.EmailBackend and the
# EMAIL_HOST* variables in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@longhua.invalid")

# a staff list longer than this is exported by the worker; its file is kept this many hours under
# PORTAL_VAR_DIR/exports, for the staff member who asked (docs/decisions/0037-exports.md).
EXPORT_INLINE_MAX_ROWS = int(os.environ.get("EXPORT_INLINE_MAX_ROWS", "5000"))
EXPORT_FILE_HOURS = float(os.environ.get("EXPORT_FILE_HOURS", "24"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
