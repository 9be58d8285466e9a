"""Responsive images whose `srcset` is valid HTML for any upload.

Wagtail's `{% picture %}` lists one candidate per rendition with its width. Renditions
never upscale, so for an original narrower than the larger sizes asked for (a 320 px
photo and `fill-{400x260,800x520}`) several candidates carry the same width, which
HTML forbids (the Nu Html Checker: "Width for image … is identical"). Only the first
candidate of each width is kept; the browser would never pick the others anyway."""

from __future__ import annotations

from wagtail.images.models import ResponsiveImage


def _distinct_width_srcset(cls, renditions_list) -> str:
    seen: set[int] = set()
    distinct = []
    for rendition in renditions_list:
        if rendition.width not in seen:
            seen.add(rendition.width)
            distinct.append(rendition)
    # Every candidate keeps its width: the tag has a `sizes`, which requires them.
    return ", ".join(f"{r.url} {r.width}w" for r in distinct)


def distinct_srcset_widths() -> None:
    """Called once from VillagesConfig.ready()."""
    ResponsiveImage.get_width_srcset = classmethod(_distinct_width_srcset)
