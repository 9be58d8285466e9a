"""Places (regions down to tambons) and the Wagtail pages that tell their stories."""

from .geography import District, Province, Region, Tambon
from .pages import HomePage

__all__ = ["District", "HomePage", "Province", "Region", "Tambon"]
