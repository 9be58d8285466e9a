"""The HTML of Wagtail's image tags, made once per content version.

A `{% picture %}` of a hero or gallery photo reads each of its renditions from the
cache (unpickling a rendition and its image: the village page's four pictures read
twenty-two), then writes a `<source>` per format with every rendition's URL. Its HTML
depends only on the image, the tag's filter specs and its attributes: the same for
every visitor. Each server process keeps it under the current content version
(`catalogue.content_version`, which every save or delete of an image changes), per
image, specs and attributes, and forgets it all when a rendition is deleted (Wagtail
purges it from the cache then; rendition saves do not change the version, as they
happen while pages render). With the cache down (no version), nothing is kept.
"""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.template import Context

from wagtail.images import get_image_model
from wagtail.images.templatetags.wagtailimages_tags import (
    ImageNode,
    PictureNode,
    SrcsetImageNode,
)

from catalogue import content_version
from catalogue.cards import request_version
from catalogue.version_memo import VersionMemo

LIMIT = 5_000  # tags per process (a few KB each)

_html = VersionMemo(LIMIT)  # (tag kind, image, file hash, specs, attributes) -> HTML


def _remembered(render):
    def render_remembered(node: ImageNode, context: Context) -> str:
        # An `as` variable is the renditions themselves, not HTML.
        if node.output_var_name:
            return render(node, context)
        image = node.validate_image(context)
        if not image or image.pk is None:
            return render(node, context)
        version = request_version(context.get("request"))
        if version.startswith(content_version.UNCACHED):
            return render(node, context)
        attrs = tuple(
            (name, str(value.resolve(context))) for name, value in node.attrs.items()
        )
        key = (
            type(node),
            image.pk,
            image.file_hash,
            tuple(node.filter_specs),
            attrs,
        )
        html = _html.get(version, key)
        if html is None:
            html = render(node, context)
            if "not-found" not in html:  # a missing original: try again next time
                _html.put(version, key, html)
        return html

    return render_remembered


def _forget(**kwargs) -> None:
    _html.clear()


def image_tags_remembered() -> None:
    """Called once from VillagesConfig.ready(). Wraps the tags' Node.render (Wagtail
    internals: each class defines its own)."""
    for node_class in (ImageNode, SrcsetImageNode, PictureNode):
        node_class.render = _remembered(node_class.__dict__["render"])
    rendition_model = get_image_model().get_rendition_model()
    post_delete.connect(
        _forget, sender=rendition_model, dispatch_uid="otop-pictures-forget"
    )
