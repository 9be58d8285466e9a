"""Settings shared by every environment; values that differ come from the environment."""

from pathlib import Path

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from oscar.defaults import *  # noqa: F403  (Oscar's settings are the starting point)

import environ

from config.cache import tolerant
from config.csp import storefront_policy

BASE_DIR = Path(__file__).resolve().parents[3]

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

SECRET_KEY = env("SECRET_KEY", default="dev-only-secret-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite that waits instead of failing: WAL lets readers go on while one writer
    # writes; IMMEDIATE takes the write lock when a transaction starts, so a
    # transaction never fails half-way ("database is locked") upgrading a read lock
    # to a write lock; the busy timeout is how long it waits for that lock (ms).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=20000;"
            ),
        }
    )
    # The listings' covering index (search_doc_listed_facets) is a plain index on
    # SQLite, which has no INCLUDE columns; the counts stay right, only slower at a
    # scale SQLite is not meant for. Silenced so that every command does not say so.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's cost of reading a page at random. PostgreSQL's default, 4.0, is a
    # spinning disk's; the shop's tables and search index are read from memory or
    # SSD, where 1.1 is the usual figure. With 4.0 a search matching a couple of
    # thousand index entries hashes all ~80,000 listed documents (at 100,000
    # products) rather than looking its matches up by key (README "Search").
    # POSTGRES_RANDOM_PAGE_COST="" keeps the server's own setting (a DBA may set it
    # in postgresql.conf instead).
    if random_page_cost := env.str("POSTGRES_RANDOM_PAGE_COST", default="1.1"):
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = (
            f"{options.get('options', '')} -c random_page_cost={float(random_page_cost)}"
        ).strip()
# Oscar's migrations use AutoField; a different default would ask to migrate every Oscar app.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Production: CACHE_URL=redis://host:6379/0 (Django's RedisCache; the `redis` client is
# pinned). Local memory is per process: enough for runserver and tests.
CACHES = {"default": tolerant(env.cache("CACHE_URL", default="locmemcache://"))}
# Anonymous pages are kept in that cache (shop.pagecache; README "Speed") this long;
# a change of content retires them at once. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
# ...and a proxy or CDN in front may keep them this long without revalidating.
PAGE_CACHE_SHARED_SECONDS = env.int("PAGE_CACHE_SHARED_SECONDS", default=60)

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Wagtail (listed before haystack: both ship an `update_index` command)
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "wagtail.api.v2",
    "rest_framework",
    # The database task queue (TASKS_BACKEND=database; `manage.py db_worker`)
    "django_tasks_db",
    # Oscar; forked apps replace their originals in place
    "oscar.config.Shop",
    "shop.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "shop.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "shop.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    # Project (dependencies run places ← catalogue ← shop ← villages; README)
    "places",
    "villages",
    "catalogue.producers",
    "shop.dashboard.review.apps.ReviewDashboardConfig",
    "shop.dashboard.experiences.apps.ExperiencesDashboardConfig",
    "shop.experiences.apps.ExperiencesConfig",
    "demo",  # only for `manage.py load_demo`; the site never imports it
    "axes",  # login throttling (see AXES_* below)
    "csp",  # Content-Security-Policy (config.csp)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache: cached pages get the header too (it is the same for all).
    "config.csp.PathPolicyMiddleware",
    "config.middleware.RejectMalformedInputMiddleware",
    # A village page cached before a slot's booking cut-off is not served after it.
    "shop.experiences.freshness.SlotCutoffMiddleware",
    # Answers anonymous pages before sessions, baskets and the rest are looked at.
    "shop.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Wagtail's Site for the request, from memory instead of a query (villages.sites).
    "villages.sites.KnownSiteMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "villages.api.ApiNotFoundMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Password-reset requests per address and per IP (after CSRF's check; see below).
    "config.throttle.PasswordResetThrottleMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (config.csp): strict on the storefront, 'unsafe-inline' only
# on the dashboard, /cms/ and /django-admin/. CSP_MEDIA_ORIGINS: other origins photos
# are served from (e.g. a CDN in front of MEDIA_URL), comma-separated.
CSP_MEDIA_ORIGINS = env.list("CSP_MEDIA_ORIGINS", default=[])
CONTENT_SECURITY_POLICY = storefront_policy(CSP_MEDIA_ORIGINS)
# Wagtail's admin would fetch each editor's avatar from gravatar.com and ask
# releases.wagtail.org for a newer version from the editor's browser: no third party
# (the policy blocks them anyway; upgrades go through requirements.txt).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# The open-data API is read-only and public: JSON only, no browsable pages (their
# forms and session login are not needed).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # App templates through config.oscar_templates: Oscar's hard-coded English
            # made translatable as they load.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "config.oscar_templates.FilesystemLoader",
                        "config.oscar_templates.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "config.context_processors.notifications",
                "config.context_processors.robots",
                "oscar.core.context_processors.metadata",
            ],
            # Its `date` filter writes Buddhist-era years on Thai pages (and e-mails);
            # `url` is Django's {% url %} with its answers remembered.
            "builtins": [
                "config.buddhist_era",
                "config.remembered_urls",
                "shop.labels",
            ],
        },
    },
]

# Django's form renderer; plain <input> tags written without the template engine.
FORM_RENDERER = "config.form_renderer.FormRenderer"
# Django's database sessions, each read as one prepared statement.
SESSION_ENGINE = "config.session_store"

AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt for a username + IP that is locked out.
    "axes.backends.AxesStandaloneBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes), for every login form (storefront, Oscar's dashboard,
# Wagtail, Django admin): a username from one IP address is locked after
# AXES_FAILURE_LIMIT wrong passwords for AXES_COOLOFF_MINUTES; other users and the same
# user elsewhere are unaffected.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Behind a proxy, set AXES_IPWARE_PROXY_COUNT (e.g. 1) so the client's address is used.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=None)
# Password-reset throttling (config.throttle), on the storefront's and Wagtail's reset
# forms: at most this many requests per address and per IP address in the window.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int(
    "PASSWORD_RESET_LIMIT_PER_ADDRESS", default=3
)
PASSWORD_RESET_LIMIT_PER_IP = env.int("PASSWORD_RESET_LIMIT_PER_IP", default=20)
PASSWORD_RESET_WINDOW_MINUTES = env.int("PASSWORD_RESET_WINDOW_MINUTES", default=60)
# Named URLs keep the visitor in the language they were using.
LOGIN_REDIRECT_URL = "customer:summary"
SITE_ID = 1

# Thai first: Thai is the default language and locale, English the second.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Oscar ships almost no Thai: site/config/oscar_translations holds Thai for the Oscar
# (and Django auth) strings our pages show; locale/ (the project's own) comes first.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "site/config/oscar_translations"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Product photos are capped well below Django's in-memory limit; see catalogue.images.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OTOP Shop <shop@otop.example>")
# Oscar's own e-mails (order confirmation, password reset, alerts) use this sender.
OSCAR_FROM_EMAIL = env("OSCAR_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
# Where e-mails link to: the shop's public address, scheme included, no trailing slash.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Wagtail ---
WAGTAIL_SITE_NAME = "OTOP"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Story images: AVIF and WebP renditions with JPEG fallbacks (see villages/templates).
WAGTAILIMAGES_AVIF_QUALITY = 55
WAGTAILIMAGES_WEBP_QUALITY = 78

# --- Storefront search (shop.search; README "Search") ---
# Wagtail's search backends (modelsearch): by default the database's own full text
# (PostgreSQL tsvector + GIN, SQLite FTS5) through shop.search.backend, which weighs
# the storefront's fields; Elasticsearch or OpenSearch when SEARCH_URL is set. The
# same backend serves Wagtail's admin search. After changing it, run
# `manage.py rebuild_search_index` (and `wagtail_update_index` for the admin's pages).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "shop.search.backend"}}
# The documents' texts are analysed already (Thai segmented, sub-words, concepts): a
# search server only splits them on spaces.
SEARCH_SERVER_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {"type": "custom", "tokenizer": "whitespace"},
                "default_search": {"type": "custom", "tokenizer": "whitespace"},
            }
        }
    }
}
if env("SEARCH_URL", default=""):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": env("SEARCH_BACKEND", default="shop.search.servers.elasticsearch8"),
        "URLS": [env("SEARCH_URL")],
        "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", default="otop_"),
        "TIMEOUT": 5,
        "INDEX_SETTINGS": SEARCH_SERVER_INDEX_SETTINGS,
    }
# How long a process keeps the indexed vocabulary before reading it again (it also
# reads it again whenever the indexer writes a term it lacked).
SEARCH_VOCABULARY_SECONDS = env.int("SEARCH_VOCABULARY_SECONDS", default=300)
# How long a search's total, facet counts and first page are kept (under the index's
# version, so a change shows at once); 0: never kept.
SEARCH_RESULTS_SECONDS = env.int("SEARCH_RESULTS_SECONDS", default=3600)

# --- Background tasks (django-tasks, as Wagtail 8 uses them) ---
# Search indexing runs off the request. Default: at once, in the process that asks
# (development, tests). Production: TASKS_BACKEND=database and a worker,
# `manage.py db_worker` (README, "Search").
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {
    "default": {"BACKEND": _TASK_BACKENDS[env("TASKS_BACKEND", default="immediate")]}
}

# --- Oscar ---
OSCAR_SHOP_NAME = _("OTOP Marketplace")
OSCAR_SHOP_TAGLINE = _("One Tambon One Product")
OSCAR_DEFAULT_CURRENCY = "THB"
OSCAR_SLUG_ALLOW_UNICODE = True
# Thumbnails remembered per process: no key-value lookup per product card.
OSCAR_THUMBNAILER = "catalogue.thumbnails.RememberedSorlThumbnail"
OSCAR_SLUG_FUNCTION = "catalogue.slugs.thai_slugify"  # keeps Thai vowel and tone marks
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_HOMEPAGE = reverse_lazy("wagtail_home")
# Babel writes "THB" outside the Thai locale; buyers expect the baht sign everywhere.
OSCAR_CURRENCY_FORMAT = {"THB": {"format": "฿#,##0.00", "currency_digits": False}}
# Oscar needs haystack installed; its "simple" backend scans every product row and
# ignores public/eligible filters, so our own views never use it (see catalogue.views).
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405
    {
        "label": _("OTOP review desk"),
        "icon": "fas fa-stamp",
        "url_name": "dashboard:otop-review",
    },
    {
        "label": _("Village experiences"),
        "icon": "fas fa-calendar-alt",
        "url_name": "dashboard:experience-list",
    },
]
THUMBNAIL_FORMAT = "WEBP"
THUMBNAIL_PRESERVE_FORMAT = False

# --- Payments ---
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {"otop": {"level": env("LOG_LEVEL", default="INFO")}},
}
