"""Django settings, driven by the environment.

Defaults give a working installation on SQLite (the embedded default used by
`irohub serve`); production sets DATABASE_URL (PostgreSQL), SECRET_KEY and the
allowed hosts. See docs/adr/0002-settings-and-database.md and docs/configuration.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from irohub.project.proxy import parse_networks


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use true or false")


def parse_group_roles(text: str) -> dict[str, str]:
    """IROHUB_OIDC_GROUP_ROLES: "group=role,group=role" → {group: role}."""
    from irohub.accounts.roles import ROLES

    mapping = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        group, _, role = pair.rpartition("=")
        if not group.strip() or role.strip() not in ROLES:
            raise ImproperlyConfigured(
                f"IROHUB_OIDC_GROUP_ROLES: {pair!r} is not group=role with a role of "
                f"{', '.join(ROLES)}"
            )
        mapping[group.strip()] = role.strip()
    return mapping


BASE_DIR = Path(__file__).resolve().parent.parent
# Where the embedded default keeps its SQLite file; outside the package.
DATA_DIR = Path(os.environ.get("IROHUB_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = env_bool("IROHUB_DEBUG", default=False)
DATABASE_URL = os.environ.get("DATABASE_URL", "")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or not DATABASE_URL:
        # The embedded default (SQLite, synthetic demo data) and development may run
        # without a real key; a production database may not.
        SECRET_KEY = "irohub-embedded-default-not-secret"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. A production installation (DATABASE_URL is set) needs "
            "a long random SECRET_KEY in the environment."
        )

# --- The public address and the proxy in front (docs/deploy.md) ------------------------
# One setting says where people reach the service; the host names it answers to, the
# origins trusted for forms, secure cookies, HSTS and the redirect to HTTPS follow from it.
PUBLIC_URL = os.environ.get("IROHUB_PUBLIC_URL", "").strip().rstrip("/")
if PUBLIC_URL:
    _public = urlsplit(PUBLIC_URL)
    if _public.scheme not in {"http", "https"} or not _public.hostname or _public.path:
        raise ImproperlyConfigured(
            f"IROHUB_PUBLIC_URL={PUBLIC_URL!r} is not a web address like "
            "https://iro.council.gov.uk (scheme and host name, no path)"
        )
    PUBLIC_HOST = _public.hostname
    PUBLIC_ORIGIN = f"{_public.scheme}://{_public.netloc}"
    HTTPS = _public.scheme == "https"
else:
    PUBLIC_HOST = PUBLIC_ORIGIN = ""
    HTTPS = False

# More host names to answer to (e.g. the name a load balancer's health check uses).
_extra_hosts = os.environ.get("IROHUB_ALLOWED_HOSTS", "" if PUBLIC_URL else "localhost,127.0.0.1")
ALLOWED_HOSTS = [PUBLIC_HOST] if PUBLIC_HOST else []
ALLOWED_HOSTS += [host.strip() for host in _extra_hosts.split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [PUBLIC_ORIGIN] if PUBLIC_ORIGIN else []

# X-Forwarded-Proto/-For are believed only from these addresses (irohub/project/proxy.py).
try:
    IROHUB_TRUSTED_PROXIES = parse_networks(os.environ.get("IROHUB_TRUSTED_PROXIES", ""))
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None

if not DATABASE_URL:
    # The embedded default makes its own folder on first use (a fresh checkout has none).
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{DATA_DIR / 'irohub.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take turns instead of failing: each transaction takes the write lock when it
    # begins (not halfway, where SQLite can only give up with "database is locked"), and a
    # writer waits up to 20 s for the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured(
        f"DATABASE_URL names {DATABASES['default']['ENGINE']}: IRO Hub supports PostgreSQL "
        "(production) and SQLite (the embedded default) only."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Background tasks (figures precomputed after a write): a queue in the database, run by
    # the worker `irohub serve` starts (docs/adr/0012-figures-cache-and-workers.md).
    "django_tasks",
    "django_tasks_db",
    "irohub.core",
    "irohub.audit",
    "irohub.accounts",
    "irohub.children",
    "irohub.allocation",
    "irohub.reviews",
    "irohub.resolutions",
    "irohub.quality",
    "irohub.conferences",
    "irohub.consultation",
    "irohub.advocacy",
    "irohub.letters",
    "irohub.oversight",
    "irohub.equality",
    "irohub.immigration",
    "irohub.reminders",
    "irohub.commissioning",
    "irohub.performance",
    "irohub.annual_report",
    "irohub.retention",
    "irohub.signon",
    "irohub.fostering",
    "irohub.workforce",
    "irohub.targets",
    "irohub.benchmarking",
    "irohub.planning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every response the application makes (not static files): CSP, no-store and friends.
    "irohub.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in: who has entered their code, and who must first (irohub.signon).
    "django_otp.middleware.OTPMiddleware",
    "irohub.signon.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "irohub.core.middleware.RefuseNulCharacters",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "irohub.accounts.middleware.IdleTimeoutMiddleware",
    "irohub.accounts.middleware.SignInThrottleMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

# Figures computed from the whole register are cached under the register's version
# (irohub.core.register_version): in the database by default, so every worker process and
# every server share them; IROHUB_CACHE_URL=redis://… uses Redis instead (install the
# `redis` package), file:///path a folder.
CACHE_URL = os.environ.get("IROHUB_CACHE_URL", "").strip()
if not CACHE_URL:
    _cache: dict[str, object] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "irohub_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
elif CACHE_URL.startswith(("redis://", "rediss://")):
    _cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
elif CACHE_URL.startswith("file://"):
    _cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": CACHE_URL.removeprefix("file://"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
else:
    raise ImproperlyConfigured(
        f"IROHUB_CACHE_URL={CACHE_URL!r} is not a cache IRO Hub knows: leave it empty (the "
        "database), or give redis://host:6379/0 or file:///var/cache/irohub"
    )
CACHES = {"default": _cache}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

ROOT_URLCONF = "irohub.project.urls"
WSGI_APPLICATION = "irohub.project.wsgi.application"

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
                "irohub.core.context_processors.council",
                "irohub.core.context_processors.navigation",
                "irohub.signon.context_processors.sign_on",
            ],
        },
    },
]

# Argon2 first: children's safeguarding data deserves the strongest standard hasher.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on through the council's identity provider, when IROHUB_OIDC_ISSUER is set.
    "irohub.signon.oidc.ProviderBackend",
]
LOGIN_URL = "sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign_in"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Failed sign-ins (docs/security.md). An account is locked for one address only: after
# IROHUB_SIGN_IN_ATTEMPTS failures for the same username from the same address (django-axes),
# so nobody elsewhere can lock a colleague out. An address with many failures for any
# usernames (a password sprayer) is throttled for a while (irohub.accounts.sign_in).
AXES_FAILURE_LIMIT = int(os.environ.get("IROHUB_SIGN_IN_ATTEMPTS", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "irohub.core.views.locked_out"
# The client's address is REMOTE_ADDR, which irohub.project.proxy has already corrected
# for a trusted proxy: never a header a client could write.
AXES_CLIENT_IP_CALLABLE = "irohub.accounts.sign_in.client_address"
AXES_USERNAME_CALLABLE = "irohub.accounts.sign_in.attempted_username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Every failure, with its time and address: what the per-address throttle counts.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
IROHUB_SIGN_IN_ADDRESS_ATTEMPTS = int(os.environ.get("IROHUB_SIGN_IN_ADDRESS_ATTEMPTS", "20"))
IROHUB_SIGN_IN_ADDRESS_MINUTES = int(os.environ.get("IROHUB_SIGN_IN_ADDRESS_MINUTES", "15"))
# Signed-in sessions end after this long without a request, and after SESSION_COOKIE_AGE
# at the most (irohub.accounts.middleware.IdleTimeoutMiddleware).
IROHUB_IDLE_MINUTES = int(os.environ.get("IROHUB_IDLE_MINUTES", "30"))

LANGUAGE_CODE = "en-gb"
# Every statutory rule works on dates in England.
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# WhiteNoise serves the apps' static files straight from the package; a deployment that
# runs collectstatic sets IROHUB_STATIC_ROOT.
STATIC_ROOT = os.environ.get("IROHUB_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Secure cookies need HTTPS: on when the public address is https (or, without one, with a
# production database), off for the local embedded default.
SESSION_COOKIE_SECURE = env_bool(
    "IROHUB_SECURE_COOKIES", default=HTTPS or (not PUBLIC_URL and bool(DATABASE_URL) and not DEBUG)
)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Over HTTPS: plain HTTP is redirected (not the load balancer's health check) and browsers
# are told to use HTTPS only, for a year.
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("IROHUB_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_HTTPONLY = True
# The Content-Security-Policy (irohub.core.middleware): everything from IRO Hub's own address,
# no inline script or style anywhere (templates load static files; charts use SVG
# presentation attributes). A council logo on another address is allowed as an image.
_logo_origin = ""
if os.environ.get("IROHUB_COUNCIL_LOGO_URL", "").startswith(("https://", "http://")):
    _logo = urlsplit(os.environ["IROHUB_COUNCIL_LOGO_URL"])
    _logo_origin = f"{_logo.scheme}://{_logo.netloc}"
IROHUB_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *([_logo_origin] if _logo_origin else [])],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- IRO Hub's own settings -------------------------------------------------------------
# The council's name appears in the header and on reports; a logo is optional.
IROHUB_COUNCIL_NAME = os.environ.get("IROHUB_COUNCIL_NAME", "Demo Borough Council")
IROHUB_COUNCIL_LOGO_URL = os.environ.get("IROHUB_COUNCIL_LOGO_URL", "")
# The council's own area (its upper-tier ONS code, e.g. E08000031): placements elsewhere are
# out of area (PL_LOCATION). Unset, it is the authority most children's home postcodes are in.
IROHUB_COUNCIL_AREA = os.environ.get("IROHUB_COUNCIL_AREA", "").strip().upper()
if IROHUB_COUNCIL_AREA and not (
    len(IROHUB_COUNCIL_AREA) == 9
    and IROHUB_COUNCIL_AREA[0] == "E"
    and IROHUB_COUNCIL_AREA[1:].isdigit()
):
    raise ImproperlyConfigured(
        f"IROHUB_COUNCIL_AREA={IROHUB_COUNCIL_AREA!r} is not an ONS code of an English "
        "authority: use the form E08000031, or leave it unset"
    )
# The council's code in the DfE's published tables (new_la_code, e.g. E10000018), for
# benchmarking against its statistical neighbours. The default is the synthetic demo
# council's made-up code in the sample tables (irohub/benchmarking/sample). Read only
# through irohub.core.council.la_code.
IROHUB_COUNCIL_LA_CODE = os.environ.get("IROHUB_COUNCIL_LA_CODE", "E06999901").strip()
# Allocation timescale: an IRO allocated within this many working days of the start of the
# care period (Wolverhampton reports "within 24 hours"; Hertfordshire uses 5).
IROHUB_ALLOCATION_TARGET_WORKING_DAYS = int(os.environ.get("IROHUB_ALLOCATION_TARGET", "1"))
# The reference band of looked-after children per full-time IRO (the IRO Handbook's 50 to
# 70). Read only through irohub.core.council.caseload_band.
IROHUB_CASELOAD_BAND = (
    int(os.environ.get("IROHUB_CASELOAD_LOW", "50")),
    int(os.environ.get("IROHUB_CASELOAD_HIGH", "70")),
)
if not 0 <= IROHUB_CASELOAD_BAND[0] <= IROHUB_CASELOAD_BAND[1]:
    raise ImproperlyConfigured(
        f"IROHUB_CASELOAD_LOW ({IROHUB_CASELOAD_BAND[0]}) must be 0 or more and no higher "
        f"than IROHUB_CASELOAD_HIGH ({IROHUB_CASELOAD_BAND[1]})"
    )

# Fostering households a full-time foster carer reviewing officer reviews (a workload
# target, not a statutory band): the fostering caseload page's "officers needed".
_FIRO_TARGET = os.environ.get("IROHUB_FIRO_HOUSEHOLDS_PER_FTE", "45").strip()
if not _FIRO_TARGET.isdigit() or int(_FIRO_TARGET) == 0:
    raise ImproperlyConfigured(
        f"IROHUB_FIRO_HOUSEHOLDS_PER_FTE must be a whole number above 0, such as 45: "
        f"{_FIRO_TARGET!r} is not"
    )
IROHUB_FIRO_HOUSEHOLDS_PER_FTE = int(_FIRO_TARGET)


def _child_population(text: str) -> int | None:
    """The ONS mid-year estimate of the council's population aged 0 to 17, for the rate
    of children looked after per 10,000 children; unset, the rate says "no data"."""
    if not text.strip():
        return None
    cleaned = text.strip().replace(",", "")
    if not cleaned.isdigit() or int(cleaned) == 0:
        raise ImproperlyConfigured(
            f"IROHUB_CHILD_POPULATION must be a whole number of children above 0, "
            f"such as 48250: {text!r} is not"
        )
    return int(cleaned)


IROHUB_CHILD_POPULATION = _child_population(os.environ.get("IROHUB_CHILD_POPULATION", ""))
# Retention: a child's case record is kept until this birthday, then listed for an
# administrator to confirm its deletion (Retention page).
IROHUB_RETENTION_AGE = int(os.environ.get("IROHUB_RETENTION_AGE", "75"))


def _working_days(name: str, default: int) -> int:
    text = os.environ.get(name, str(default)).strip()
    if not text.isdigit():
        raise ImproperlyConfigured(
            f"{name} must be a whole number of working days (0 or more), not {text!r}"
        )
    return int(text)


# Before a review (irohub.statutory.review_preparation): how many working days before it the
# social worker's report is due (REP-1; 0 is the "24 hours before" standard), the invitations
# go out, the consultation forms go out and are due back.
IROHUB_REPORT_LEAD_WORKING_DAYS = _working_days("IROHUB_REPORT_LEAD_WORKING_DAYS", 3)
IROHUB_INVITATION_LEAD_WORKING_DAYS = _working_days("IROHUB_INVITATION_LEAD_WORKING_DAYS", 10)
IROHUB_CONSULTATION_SEND_LEAD_WORKING_DAYS = _working_days(
    "IROHUB_CONSULTATION_SEND_LEAD_WORKING_DAYS", 10
)
IROHUB_CONSULTATION_RETURN_LEAD_WORKING_DAYS = _working_days(
    "IROHUB_CONSULTATION_RETURN_LEAD_WORKING_DAYS", 2
)
# E-mail (consultation links, reminders): the council's SMTP relay. Unset, e-mails are
# written as files under the data folder (var/mail), never sent.
EMAIL_HOST = os.environ.get("IROHUB_EMAIL_HOST", "").strip()
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("IROHUB_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("IROHUB_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("IROHUB_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("IROHUB_EMAIL_STARTTLS", default=False)
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("IROHUB_EMAIL_FROM", "IRO Hub <iro-hub@localhost>")

# --- Sign-on (docs/configuration.md, docs/adr/0011-sign-on.md) ---------------------------
# Two-factor sign-in with an authenticator app (TOTP); which roles require it is set by an
# administrator (Sign-on → Roles that require two-factor sign-in).
OTP_TOTP_ISSUER = f"IRO Hub ({IROHUB_COUNCIL_NAME})"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Single sign-on with the council's identity provider (OpenID Connect), off unless the
# issuer is set. Its endpoints come from its discovery document.
IROHUB_OIDC_ISSUER = os.environ.get("IROHUB_OIDC_ISSUER", "").strip()
IROHUB_OIDC_PROVIDER_NAME = os.environ.get("IROHUB_OIDC_PROVIDER_NAME", "your council account")
IROHUB_OIDC_USERNAME_CLAIM = os.environ.get("IROHUB_OIDC_USERNAME_CLAIM", "preferred_username")
IROHUB_OIDC_GROUPS_CLAIM = os.environ.get("IROHUB_OIDC_GROUPS_CLAIM", "groups")
# The provider's groups and the roles they give: "group=role,group=role" (a group may be a
# name or, as Entra ID sends them, an object id).
IROHUB_OIDC_GROUP_ROLES = parse_group_roles(os.environ.get("IROHUB_OIDC_GROUP_ROLES", ""))
# Whether a sign-in through the provider stands for two-factor sign-in (the provider's
# own multi-factor policy applies) or IRO Hub asks for its own code as well.
IROHUB_OIDC_COUNTS_AS_TWO_FACTOR = env_bool("IROHUB_OIDC_COUNTS_AS_TWO_FACTOR", default=True)
if IROHUB_OIDC_ISSUER and not (
    os.environ.get("IROHUB_OIDC_CLIENT_ID") and os.environ.get("IROHUB_OIDC_CLIENT_SECRET")
):
    raise ImproperlyConfigured(
        "IROHUB_OIDC_ISSUER is set: IROHUB_OIDC_CLIENT_ID and IROHUB_OIDC_CLIENT_SECRET are "
        "needed too (the application registered with the identity provider)"
    )
OIDC_RP_CLIENT_ID = os.environ.get("IROHUB_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("IROHUB_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("IROHUB_OIDC_SIGN_ALGORITHM", "RS256")
OIDC_RP_SCOPES = os.environ.get("IROHUB_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_VERIFY_SSL = True
OIDC_TIMEOUT = 10
OIDC_CREATE_USER = env_bool("IROHUB_OIDC_CREATE_USERS", default=True)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
LOGIN_REDIRECT_URL_FAILURE = "/sign-in/?sso=failed"
