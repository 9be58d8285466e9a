"""Oscar's templates with their hard-coded English made translatable, at load time.

Oscar 4.2 writes some text straight into its templates: `aria-label="breadcrumb"` in
about ninety of them, "Toggle navigation", "Close", a review's "Reviewed by … on …",
and it prints stored values (an order's status, a parcel step's name) as they are.
Rather than copy each of those templates into templates/oscar/ (and keep the copies in
step with Oscar), this loader reads Oscar's own files and replaces those exact pieces
with `{% translate %}` tags and the `label` filter (shop.labels) before compiling
them. Templates outside Oscar's `oscar/` names are not touched; ours under them (copies
of Oscar's, additions to its dashboard) get the same replacements.

A replacement that no longer matches after an Oscar upgrade changes nothing: the crawl
(tests/i18n) then reports the English again.
"""

from __future__ import annotations

import re

from django.template.loaders.app_directories import Loader as AppDirectoriesLoader
from django.template.loaders.filesystem import Loader as DjangoFilesystemLoader


def _t(text: str) -> str:
    return '{% translate "' + text + '" %}'


# Everywhere in Oscar's templates.
EVERYWHERE = [
    ('aria-label="breadcrumb"', f'aria-label="{_t("breadcrumb")}"'),
    ('aria-label="Toggle navigation"', f'aria-label="{_t("Toggle navigation")}"'),
    ('aria-label="Close"', f'aria-label="{_t("Close")}"'),
    # Stored values printed as they are (see shop.labels).
    ("{{ order.status }}", "{{ order.status|label }}"),
    ('{{ order.status|default:"N/A" }}', '{{ order.status|label|default:"N/A" }}'),
    ('{{ order.status|default:"-" }}', '{{ order.status|label|default:"-" }}'),
    ('{{ line.status|default:"-" }}', '{{ line.status|label|default:"-" }}'),
    ("{{ line.shipping_status", "{{ line.shipping_status|label"),
    (
        "<option>{{ status }}</option>",
        '<option value="{{ status }}">{{ status|label }}</option>',
    ),
    ("{{ dict.status }}</a>", "{{ dict.status|label }}</a>"),
    ("{{ status_change.old_status }}", "{{ status_change.old_status|label }}"),
    ("{{ status_change.new_status }}", "{{ status_change.new_status|label }}"),
    ("{{ state.event_type.name }}", "{{ state.event_type.name|label }}"),
    ("{{ alert.status }}", "{{ alert.get_status_display }}"),
    ("{{ order.shipping_method }}", "{{ order.shipping_method|label }}"),
    # Names copied onto the order, in the checkout's language (see shop.labels).
    ("{{ line.title }}", "{{ line|line_title }}"),
    ("{{ line.description }}", "{{ line|line_title }}"),
    ("line_qty.line.title", "line_qty.line|line_title"),
    ("{{ line.partner_name }}", "{{ line|line_partner }}"),
    ("{{ parent.title }}", "{{ parent.get_title }}"),
    ("title=parent.title", "title=parent.get_title"),
    (
        "{{ order.shipping_code }}",
        '<span translate="no">{{ order.shipping_code }}</span>',
    ),
    (
        "{{ order.shipping_code|upper }}",
        '<span translate="no">{{ order.shipping_code|upper }}</span>',
    ),
]

# In one template each: (template name, [(old, new), …]).
PER_TEMPLATE = {
    "oscar/catalogue/partials/review.html": [
        (
            "{% blocktrans with review_date=review.date_created %}\n"
            "                Reviewed by you on {{ review_date }}\n"
            "                {% endblocktrans %}",
            '{% blocktranslate trimmed with review_date=review.date_created|date:"j F Y" %}'
            "Reviewed by you on {{ review_date }}{% endblocktranslate %}",
        ),
        (
            "{% blocktrans with name=review.reviewer_name review_date=review.date_created %}\n"
            "                    Reviewed by <strong>{{ name }}</strong> on {{ review_date }}\n"
            "                {% endblocktrans %}",
            "{% blocktranslate trimmed with name=review.reviewer_name "
            'review_date=review.date_created|date:"j F Y" %}'
            "Reviewed by <strong>{{ name }}</strong> on {{ review_date }}"
            "{% endblocktranslate %}",
        ),
    ],
    "oscar/dashboard/layout.html": [
        (
            '<a class="navbar-brand" href="#">{{ shop_name }}</a>',
            '<a class="navbar-brand otop-brand" href="{% url \'dashboard:index\' %}">'
            "{{ shop_name }}</a>",
        ),
    ],
    # The shared wish list's title is Oscar's str(): "<owner>'s Wish List '<name>'".
    "oscar/wishlists/wishlist_detail.html": [
        ("{{ wishlist_title }}", "{{ object.name }}"),
    ],
    "oscar/dashboard/orders/order_detail.html": [
        (
            "{% blocktrans with title=line_qty.line|line_title event_qty=line_qty.quantity "
            "total_qty=line_qty.line.quantity %}",
            "{% blocktrans trimmed with title=line_qty.line|line_title "
            "event_qty=line_qty.quantity total_qty=line_qty.line.quantity %}",
        ),
    ],
    # The totals' section titles are styled cells, not <h3>: a heading may not sit
    # inside a <th> (Nu Html Checker).
    "oscar/basket/partials/basket_totals.html": [
        *(
            (
                f'<th colspan="2"><h3>{{% trans "{title}" %}}</h3></th>',
                f'<th colspan="2" scope="colgroup" class="basket-totals__section">'
                f'{{% trans "{title}" %}}</th>',
            )
            for title in ("Basket", "Vouchers")
        ),
        *(
            (
                f'<h3>{{% trans "{title}" %}}</h3>',
                f'<span class="basket-totals__section">{{% trans "{title}" %}}</span>',
            )
            for title in ("Shipping", "Surcharges", "Tax", "Post order actions")
        ),
        (
            '<th class="total"><h3>{% trans "Order total" %}</h3></th>',
            '<th class="total basket-totals__grand">{% trans "Order total" %}</th>',
        ),
        (
            '<h3 class="price_color">',
            '<strong class="price_color basket-totals__grand">',
        ),
        (
            "{% endif %}\n                        </h3>",
            "{% endif %}\n                        </strong>",
        ),
    ],
    # Its totals rows span six columns of a five-column table (invalid HTML).
    "oscar/customer/order/order_detail.html": [('<td colspan="2">', "<td>")],
    "oscar/catalogue/reviews/partials/review_stars.html": [
        (
            "{% blocktrans count product.num_approved_reviews as num_reviews %}",
            "{% blocktrans trimmed count product.num_approved_reviews as num_reviews %}",
        ),
    ],
    "oscar/customer/wishlists/wishlists_form.html": [
        (
            "{% blocktrans with title=product.get_title %}",
            "{% blocktrans trimmed with title=product.get_title %}",
        ),
    ],
}

LOAD_I18N = "{% load i18n %}"
EXTENDS = re.compile(r"{%\s*extends\s[^%]*%}")


def patch(template_name: str, source: str) -> str:
    """Oscar's template source with the replacements above applied."""
    patched = source
    for old, new in EVERYWHERE + PER_TEMPLATE.get(template_name, []):
        patched = patched.replace(old, new)
    if patched == source:
        return source
    # The tags need i18n and the filter is a builtin; {% extends %} must stay first.
    match = EXTENDS.search(patched)
    at = match.end() if match else 0
    return patched[:at] + LOAD_I18N + patched[at:]


def _patched(origin, contents: str) -> str:
    # Oscar's templates, and ours under its oscar/ names (copies of Oscar's, which
    # keep its hard-coded pieces; additions to its dashboard).
    if str(origin.template_name).startswith("oscar/"):
        return patch(origin.template_name, contents)
    return contents


class Loader(AppDirectoriesLoader):
    """Django's app-directories loader, with Oscar's templates patched."""

    def get_contents(self, origin) -> str:
        return _patched(origin, super().get_contents(origin))


class FilesystemLoader(DjangoFilesystemLoader):
    """Django's filesystem loader (templates/), with our copies of Oscar's patched."""

    def get_contents(self, origin) -> str:
        return _patched(origin, super().get_contents(origin))
