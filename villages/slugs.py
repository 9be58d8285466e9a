"""Thai page slugs: Wagtail's slug field and URL pattern only accept `\\w`, which leaves
out Thai vowel and tone marks (combining characters), so บ้านนาต้นจั่น would be refused
or served as a 404. The catalogue's Thai slug rule is reused for pages."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from catalogue.slugs import validate_thai_slug


def allow_thai_page_slugs() -> None:
    """Let Page.slug validate Thai slugs (called once, from the app's ready())."""
    field = Page._meta.get_field("slug")
    field.default_validators = [validate_thai_slug]
    field.__dict__.pop("validators", None)  # a cached_property built from the above


class ThaiSlugPageForm(WagtailAdminPageForm):
    """The page editor's form, accepting Thai slugs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].validators = [validate_thai_slug]
