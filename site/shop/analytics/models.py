"""Oscar's analytics models, unchanged (label "analytics", tables analytics_*)."""

from oscar.apps.analytics.models import *  # noqa: F403
