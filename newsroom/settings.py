"""Newsroom settings, read from the environment.

Defaults give a working development site: SQLite, in-process jobs, the offline drafter and
checker. Production sets ``DEBUG=0``, ``SECRET_KEY`` and ``ALLOWED_HOSTS``; that path turns on
the secure transport settings so that ``manage.py check --deploy`` is clean.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_float(name: str) -> float | None:
    value = os.environ.get(name, "").strip()
    return float(value) if value else None


def env_int(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    return int(value) if value else None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.admin_site.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "django_rq",
    "newsroom",
    "sources",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The origin absolute URLs use, and that public cache keys include.
    "newsroom.site.RequestOriginMiddleware",
    # Before sessions, auth and CSRF: a cached public page is served without any of them.
    "articles.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so that an rqworker process in the queue tests sees the test data;
    # one per test process, so that two test runs never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f"test-db-{os.getpid()}.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# One cache shared by every process that serves pages, so that a publish or a correction
# (which moves the public generation, see articles.cache) reaches all of them at once: files in
# NEWSROOM_CACHE_DIR here, Redis when REDIS_URL is set (below).
CACHES = {
    "default": {
        "BACKEND": "newsroom.cache_backends.SharedFileCache",
        "LOCATION": os.environ.get("NEWSROOM_CACHE_DIR", str(BASE_DIR / ".cache")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}

LOGIN_URL = "admin:login"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        )
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

# Background jobs: with REDIS_URL set, jobs go to real RQ queues served by `rqworker`;
# without it they run in a small pool of threads in the web process (see newsroom.queue);
# 0 threads runs each job in the request that queued it, after its commit (tests).
REDIS_URL = os.environ.get("REDIS_URL", "")
NEWSROOM_JOB_THREADS = int(os.environ.get("NEWSROOM_JOB_THREADS", "2"))
NEWSROOM_QUEUES = ("default", "drafting", "factcheck", "ingest")
_RQ_URL = REDIS_URL or os.environ.get("REDIS_TEST_URL") or "redis://127.0.0.1:6379/0"
RQ_QUEUES = {name: {"URL": _RQ_URL, "DEFAULT_TIMEOUT": 600} for name in NEWSROOM_QUEUES}
RQ = {"COMMIT_MODE": "on_db_commit"}
RQ_SHOW_ADMIN_LINK = False  # the dashboard lives at /admin/rq/, for superusers only
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "newsroom",
    }

# The language model, through any OpenAI-compatible server. Unset: offline backends.
OPENAI_BASE_URL = os.environ.get("OPENAI_BASE_URL", "")
OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY", "")
NEWSROOM_LLM_MODEL = os.environ.get("NEWSROOM_LLM_MODEL", "")
# One deadline per model call, connect, reads and retries included (seconds).
NEWSROOM_LLM_TIMEOUT = float(os.environ.get("NEWSROOM_LLM_TIMEOUT", "60"))
NEWSROOM_LLM_MAX_RETRIES = int(os.environ.get("NEWSROOM_LLM_MAX_RETRIES", "3"))
# Sampling, sent only when set (empty: the server's default).
NEWSROOM_LLM_TEMPERATURE = env_float("NEWSROOM_LLM_TEMPERATURE")
NEWSROOM_LLM_MAX_TOKENS = env_int("NEWSROOM_LLM_MAX_TOKENS")
NEWSROOM_LLM_SEED = env_int("NEWSROOM_LLM_SEED")
# USD per million tokens, (input, output), by model name or name prefix; the longest matching
# prefix wins ("gpt-4o-mini-2024-07-18" is priced as "gpt-4o-mini"). NEWSROOM_LLM_PRICES (JSON,
# {"model": [input, output]}) adds to or overrides these. Unknown models have no cost estimate.
NEWSROOM_LLM_PRICES = {
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    **json.loads(os.environ.get("NEWSROOM_LLM_PRICES", "{}")),
}

# Outbound fetching (sources.fetch). Private addresses are refused unless explicitly allowed.
NEWSROOM_FETCH_ALLOW_PRIVATE = env_bool("NEWSROOM_FETCH_ALLOW_PRIVATE", False)
NEWSROOM_FETCH_MAX_BYTES = int(os.environ.get("NEWSROOM_FETCH_MAX_BYTES", str(5 * 1024 * 1024)))
NEWSROOM_FETCH_TIMEOUT = float(os.environ.get("NEWSROOM_FETCH_TIMEOUT", "10"))
NEWSROOM_EXTRACT_COMMENTS = env_bool("NEWSROOM_EXTRACT_COMMENTS", False)

NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
# Empty: absolute URLs (feeds, sitemaps, canonical, JSON-LD, preview links) use the request's host.
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# No inline scripts anywhere (the JSON-LD block is data, not script); styles may be inline for
# the admin's widgets.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
