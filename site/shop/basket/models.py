"""Oscar's basket models, unchanged (the fork exists for views.py)."""

from oscar.apps.basket.models import *  # noqa: F403
