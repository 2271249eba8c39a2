"""Settings of Dossier social, read from environment variables (12-factor)."""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


# DJANGO_PRODUCTION=1: TLS only, secure cookies, HSTS, no DEBUG, a real secret key (see the end of this file).
PRODUCTION = env_bool("DJANGO_PRODUCTION", False)
DEBUG = env_bool("DJANGO_DEBUG", False) and not PRODUCTION


def _local_secret_key() -> str:
    """Without DJANGO_SECRET_KEY: a random key kept in var/, readable by its owner only."""
    path = BASE_DIR / "var" / "secret_key"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        fresh = path.with_name(f"secret_key.{os.getpid()}")
        fresh.touch(mode=0o600)
        fresh.write_text(secrets.token_urlsafe(50))
        os.replace(fresh, path)  # atomic: a concurrent reader never sees a half-written key
    return path.read_text().strip()


if PRODUCTION and len(os.environ.get("DJANGO_SECRET_KEY", "")) < 50:
    raise ImproperlyConfigured("DJANGO_PRODUCTION=1 needs DJANGO_SECRET_KEY, at least 50 random characters.")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _local_secret_key()
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_countries",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "accounts",
    "access",
    "audit",
    "people",
    "files",
    "search",
    "aid",
    "workflow",
    "home",
    "demo",
    "printouts",
    "letters",
    "committee",
    "documents",
    "mail",
    "retention",
    "bcss",
    "dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.SecondFactorMiddleware",  # before LoginRequiredMiddleware: notes expired sessions
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
                "access.context_processors.navigation",
                "workflow.context_processors.queues",
                "documents.context_processors.intake",
                "accounts.context_processors.login_state",
                "committee.context_processors.meetings",
                "mail.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the background worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    # Browser tests: a test database in a file, as in production. The in-memory one is shared between the live
    # server's threads with table locks that ignore busy_timeout, so two requests at once fail at random.
    if os.environ.get("DOSSIER_SQLITE_TEST_FILE"):
        DATABASES["default"]["TEST"] = {"NAME": os.environ["DOSSIER_SQLITE_TEST_FILE"]}

# A read replica (PostgreSQL streaming replication, a hot standby) for the read-only pages named below, which
# read the largest tables and bear a few seconds of delay: the security adviser's journal and a file's
# Consultations (config/db_router.py). Everything else, and every write, uses DATABASE_URL. Connect with the
# application's role: DATABASE_REPLICA_URL=postgres://dossier_app@replica-host/dossier
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_VIEWS = [
    "audit:review",
    "audit:break_glass",
    "audit:prints",
    "audit:failed_logins",
    "files:access_log",
]
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
    )
    # Tests read the replica's alias from the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
    MIDDLEWARE.append("config.db_router.ReplicaMiddleware")  # last: the session and user come from default

# PostgreSQL in production: two roles, so that the database owner's powers never sit with the application.
# - dossier_owner owns the database and runs the migrations, with DOSSIER_DB_APP_ROLE naming the application's
#   role: after each migrate, it is granted SELECT, INSERT, UPDATE, DELETE on the tables, but only SELECT and
#   INSERT on the audit trail and its seals, and EXECUTE on audit_purge() (see audit/database.py):
#     DATABASE_URL=postgres://dossier_owner@host/dossier DOSSIER_DB_APP_ROLE=dossier_app manage.py migrate
# - dossier_app (LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE) is what the running application connects as:
#     DATABASE_URL=postgres://dossier_app@host/dossier
#   It cannot rewrite, delete or truncate the trail, nor alter or drop its triggers.
DATABASE_APP_ROLE = os.environ.get("DOSSIER_DB_APP_ROLE", "")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "login"

# Lock an account after repeated failed log-ins (django-axes).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Second factor (django-otp, TOTP): required for every account unless all its roles are relaxed
# (accounts.RoleLoginRule, in the administration).
OTP_TOTP_ISSUER = os.environ.get("DOSSIER_CPAS_NAME", "Dossier social")
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds before the 2nd try, doubled after each wrong code
# The demo (bin/demo) logs in with the password only; production settings refuse to start with it.
DEMO_SKIP_SECOND_FACTOR = env_bool("DOSSIER_DEMO_SKIP_SECOND_FACTOR", False)

# A session ends after this much inactivity: every request pushes the expiry back.
SESSION_COOKIE_AGE = int(os.environ.get("DOSSIER_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False) or PRODUCTION
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): scripts only from our own files, never inline or from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],  # htmx's indicator style and Django admin's style attributes
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "fr-be"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "config.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A batch of letters is written in parts of this many, shared by the running workers.
LETTERS_BATCH_PART = int(os.environ.get("DOSSIER_LETTERS_BATCH_PART", "20"))

# Format of a social file's reference: {year} and {seq} (sequence within the year).
FILE_REFERENCE_FORMAT = os.environ.get("DOSSIER_FILE_REFERENCE_FORMAT", "{year}/{seq:05d}")
# E-mail (the daily digest of late items): an SMTP server of the CPAS.
EMAIL_HOST = os.environ.get("DOSSIER_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DOSSIER_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DOSSIER_EMAIL_FROM", "dossier-social@localhost")
SITE_URL = os.environ.get("DOSSIER_SITE_URL", "http://127.0.0.1:8000")

# How long a break-glass access (accès exceptionnel) to another team's file lasts.
BREAK_GLASS_MINUTES = int(os.environ.get("DOSSIER_BREAK_GLASS_MINUTES", "240"))
# A committee member reads the files of a meeting's agenda until this many days after its closing.
COMMITTEE_READ_DAYS = int(os.environ.get("DOSSIER_COMMITTEE_READ_DAYS", "30"))
CPAS_NAME = os.environ.get("DOSSIER_CPAS_NAME", "CPAS")
# The letterhead's fallbacks; the admin's "En-tête des lettres" takes precedence (letters.letterhead).
CPAS_ADDRESS = os.environ.get("DOSSIER_CPAS_ADDRESS", "")  # one line of address per line
CPAS_PLACE = os.environ.get("DOSSIER_CPAS_PLACE", "")  # "Mons", printed as "Mons, le 01/12/2026"
CPAS_PRESIDENT_NAME = os.environ.get("DOSSIER_CPAS_PRESIDENT_NAME", "")
CPAS_DIRECTOR_NAME = os.environ.get("DOSSIER_CPAS_DIRECTOR_NAME", "")
# Years the audit trail is kept; purge_audit deletes only older events (the database refuses anything else).
# On PostgreSQL the server's audit_retention table decides (set from this value by the migration that creates
# it, changed afterwards by the owner only); the caller of audit_purge() cannot choose it.
AUDIT_RETENTION_YEARS = int(os.environ.get("DOSSIER_AUDIT_RETENTION_YEARS", "10"))
# The key that signs the seals of the audit trail's head (HMAC-SHA256). It lives outside the database, where
# the database's owner cannot read it: a file only the application reads (generated under var/ when absent;
# in production, point this to a file the database administrators have no access to, and back it up).
AUDIT_SEAL_KEY_FILE = os.environ.get("DOSSIER_AUDIT_SEAL_KEY_FILE", str(BASE_DIR / "var" / "audit_seal_key"))
# Every seal is also appended to this journal (one signed JSON line a seal, O_APPEND, never rewritten), so
# that the database owner cannot delete the newest rows together with their seals. In production keep it where
# that owner cannot write: write-once or remote-logged storage (e.g. each line shipped to syslog elsewhere).
AUDIT_SEAL_JOURNAL_FILE = os.environ.get(
    "DOSSIER_AUDIT_SEAL_JOURNAL_FILE", str(BASE_DIR / "var" / "audit_seals.jsonl")
)
# The head is sealed on every event whose id is a multiple of this (0: only by `manage.py seal_audit`).
AUDIT_SEAL_EVERY = int(os.environ.get("DOSSIER_AUDIT_SEAL_EVERY", "500"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

if PRODUCTION:
    if DEMO_SKIP_SECOND_FACTOR:
        raise ImproperlyConfigured(
            "DOSSIER_DEMO_SKIP_SECOND_FACTOR is for the demo only: refused with DJANGO_PRODUCTION=1."
        )
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        # The reverse proxy ends TLS and says so in this header (it must overwrite any the client sent).
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HSTS preloading commits the whole domain of the CPAS to HTTPS in browsers: its owner's decision.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Legal deadlines of a decision (workflow.deadlines), in calendar days: request to decision, decision to
# notification. The SPP Intégration sociale form's delay belongs to each aid type (AidType.spp_delay_days).
DEADLINE_DAYS = {
    "decision": int(os.environ.get("DOSSIER_DEADLINE_DECISION_DAYS", "30")),
    "notification": int(os.environ.get("DOSSIER_DEADLINE_NOTIFICATION_DAYS", "8")),
}
# Incoming mail (mail app): its number (a sequence per year), the working days its agent has to handle it,
# and the catalogue code of the document type its scan becomes once filed.
MAIL_NUMBER_FORMAT = os.environ.get("DOSSIER_MAIL_NUMBER_FORMAT", "CE-{year}-{seq:06d}")
MAIL_DUE_WORKING_DAYS = int(os.environ.get("DOSSIER_MAIL_DUE_WORKING_DAYS", "15"))
MAIL_DOCUMENT_TYPE = "letter_received"
# An item is "at risk" when this many working days or fewer remain before its deadline.
DEADLINE_AT_RISK_WORKING_DAYS = int(os.environ.get("DOSSIER_DEADLINE_AT_RISK_WORKING_DAYS", "3"))

# The legal basis a notification names when the president decided alone in urgency, the decision then being
# ratified by the body at its next meeting (organic law of 8 July 1976 on the CPAS; verify for the region).
URGENT_DECISION_LEGAL_BASIS = os.environ.get(
    "DOSSIER_URGENT_DECISION_LEGAL_BASIS", "l'article 28, § 6, de la loi organique des CPAS du 8 juillet 1976"
)

# Letters (PDF/A) kept for each file; never served statically, only through the access policy.
MEDIA_ROOT = os.environ.get("DOSSIER_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
# Where files (letters, scans, documents) are kept: the file system under MEDIA_ROOT by default, or with
# DOSSIER_STORAGE=s3 a private bucket of an S3-compatible object store (django-storages), e.g. MinIO or Ceph
# on premises: DOSSIER_S3_ENDPOINT_URL (empty: AWS), DOSSIER_S3_BUCKET, DOSSIER_S3_REGION and the access key
# pair DOSSIER_S3_ACCESS_KEY / DOSSIER_S3_SECRET_KEY (empty: boto3's own chain, e.g. an instance role).
STORAGE_KIND = os.environ.get("DOSSIER_STORAGE", "filesystem")
if STORAGE_KIND == "s3":
    if not os.environ.get("DOSSIER_S3_BUCKET"):
        raise ImproperlyConfigured("DOSSIER_STORAGE=s3 needs DOSSIER_S3_BUCKET.")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DOSSIER_S3_BUCKET"],
            "endpoint_url": os.environ.get("DOSSIER_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DOSSIER_S3_REGION") or None,
            "access_key": os.environ.get("DOSSIER_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("DOSSIER_S3_SECRET_KEY") or None,
            # On-premises stores (MinIO, Ceph) name the bucket in the path, not in the host name.
            "addressing_style": "path" if os.environ.get("DOSSIER_S3_ENDPOINT_URL") else None,
            # As on the file system: a second file of the same name gets a name of its own, never replaces.
            "file_overwrite": False,
            # Private objects (the bucket's policy): files are served through the application's access policy.
            "default_acl": None,
        },
    }
elif STORAGE_KIND != "filesystem":
    raise ImproperlyConfigured("DOSSIER_STORAGE is 'filesystem' (the default) or 's3'.")
# Scans sent to the documents intake (piles with cover sheets, returned letters, photos): the largest file
# accepted, its most pages (each is read in about 0.1 s, by a background job: a full file keeps a worker busy
# ~10 s), and the resolution at which a page is read.
SCAN_MAX_BYTES = int(os.environ.get("DOSSIER_SCAN_MAX_MB", "50")) * 1024 * 1024
SCAN_MAX_PAGES = int(os.environ.get("DOSSIER_SCAN_MAX_PAGES", "100"))
SCAN_DPI = int(os.environ.get("DOSSIER_SCAN_DPI", "200"))
# Pixels of one page, checked before it is decoded or rendered (also Pillow's limit for every image): an A4
# page at 600 dpi (35 Mpx, 105 MB in colour) passes, a decompression bomb is refused.
SCAN_MAX_PIXELS = int(os.environ.get("DOSSIER_SCAN_MAX_PIXELS", "35000000"))
# Documents received (documents.upload_checks): the largest file and its most pages; the longest side of a
# page (A0 is 1189 mm); how far a PDF's compressed streams may inflate in all (a 300-page greyscale scan
# holds about 2.6 GB of pixels) before it is taken for a decompression bomb. Images are held to
# SCAN_MAX_PIXELS a page. A refused upload is kept this many days for the clerk to see
# (`manage.py purge_refused_uploads`, run daily, removes it afterwards).
UPLOAD_MAX_BYTES = int(os.environ.get("DOSSIER_UPLOAD_MAX_MB", "50")) * 1024 * 1024
UPLOAD_MAX_PAGES = int(os.environ.get("DOSSIER_UPLOAD_MAX_PAGES", "300"))
UPLOAD_MAX_PAGE_MM = int(os.environ.get("DOSSIER_UPLOAD_MAX_PAGE_MM", "1200"))
UPLOAD_MAX_INFLATED_BYTES = int(os.environ.get("DOSSIER_UPLOAD_MAX_INFLATED_MB", "4096")) * 1024 * 1024
REFUSED_UPLOAD_DAYS = int(os.environ.get("DOSSIER_REFUSED_UPLOAD_DAYS", "30"))
# A scan's reading still "En cours" this long after it started was left by a worker that died: it is queued
# again (a 100-page file is read in about a minute).
SCAN_JOB_TIMEOUT = int(os.environ.get("DOSSIER_SCAN_JOB_TIMEOUT", "600"))
# The account the watched scanner folder sends as (`manage.py watch_scanner_folder`): a mail clerk.
SCANNER_USER = os.environ.get("DOSSIER_SCANNER_USER", "courrier")
# Documents' OCR (documents.ocr): a file still being read after OCR_TIMEOUT seconds is stopped (about 2 to 4 s
# a page on one core); the most pages read in one file; ocrmypdf's parallel pages (0: one per core).
OCR_TIMEOUT = int(os.environ.get("DOSSIER_OCR_TIMEOUT", "900"))
OCR_MAX_PAGES = int(os.environ.get("DOSSIER_OCR_MAX_PAGES", "200"))
OCR_JOBS = int(os.environ.get("DOSSIER_OCR_JOBS", "0"))
# Who makes the PDF/A: pikepdf ("internal"), because Debian 12's Ghostscript (10.0.0) damages the text of the
# pages left as they are and ocrmypdf refuses it; with Ghostscript >= 10.02.1, "auto" (pikepdf, else
# Ghostscript).
OCR_PDFA_BACKEND = os.environ.get("DOSSIER_OCR_PDFA_BACKEND", "internal")

# Committee minutes: PAdES signatures for the president and the secretary (PEM key and certificate paths,
# issued by the CPAS). Without them the procès-verbal is generated unsigned.
MINUTES_SIGNERS = {
    role: {
        "key": os.environ.get(f"DOSSIER_MINUTES_{role.upper()}_KEY", ""),
        "cert": os.environ.get(f"DOSSIER_MINUTES_{role.upper()}_CERT", ""),
    }
    for role in ("president", "secretary")
}
