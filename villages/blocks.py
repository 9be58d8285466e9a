"""StreamField blocks for village, producer and fair stories.

Content images go through `ImageBlock`, which refuses an image without alt text unless
the editor marks it decorative.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class FigureBlock(blocks.StructBlock):
    """An image with its alt text and an optional caption."""

    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250, label=_("caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "villages/blocks/figure.html"


class GalleryBlock(blocks.StructBlock):
    """A few images shown as a grid."""

    title = blocks.CharBlock(required=False, max_length=120, label=_("title"))
    images = blocks.ListBlock(ImageBlock(), min_num=2, max_num=12, label=_("images"))

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "villages/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    """Words of a villager or producer."""

    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        required=False, max_length=120, label=_("who said it")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "villages/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A video from YouTube or Vimeo, embedded through oEmbed."""

    video = EmbedBlock(label=_("video URL"), max_width=960)
    caption = blocks.CharBlock(required=False, max_length=250, label=_("caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "villages/blocks/video.html"


class StoryBlock(blocks.StreamBlock):
    """The body of a story: text, images, galleries, quotes and videos."""

    text = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        label=_("Text"),
        template="villages/blocks/text.html",
    )
    image = FigureBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()


TOPIC_CHOICES = [
    ("business", _("Business and marketing")),
    ("group_management", _("Group management")),
    ("production_technology", _("Production technology")),
]


class TopicBlock(blocks.StructBlock):
    """One thing a KBO network teaches."""

    area = blocks.ChoiceBlock(choices=TOPIC_CHOICES, label=_("area"))
    title = blocks.CharBlock(max_length=160, label=_("title"))
    description = blocks.TextBlock(required=False, label=_("description"))

    class Meta:
        icon = "doc-full"
        label = _("Topic")
