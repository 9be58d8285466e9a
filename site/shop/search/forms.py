"""The search page's query string: words, facet filters, sort order and tab.

A bad value (a hand-edited URL, an old bookmark) is reported and ignored; the rest of
the search still runs.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.certificates import Certificate
from catalogue.register import FIRST_OPC_YEAR

from .facets import PRICE_BANDS
from .query import MAX_QUERY_LENGTH

SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("price", _("Price: low to high")),
    ("-price", _("Price: high to low")),
    ("stars", _("Most stars")),
    ("newest", _("Newest")),
]
TAB_CHOICES = [
    ("products", _("Products")),
    ("producers", _("Producers")),
    ("pages", _("Villages and stories")),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    category = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    stars = forms.IntegerField(required=False, min_value=1, max_value=5)
    year = forms.IntegerField(required=False, min_value=FIRST_OPC_YEAR, max_value=2100)
    region = forms.SlugField(required=False, max_length=16)
    province = forms.RegexField(required=False, regex=r"^\d{2}$")
    price = forms.IntegerField(required=False, min_value=1, max_value=len(PRICE_BANDS))
    producer = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    certificate = forms.ChoiceField(required=False, choices=Certificate.Kind.choices)
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES)
    tab = forms.ChoiceField(required=False, choices=TAB_CHOICES)

    FILTERS = (
        "category",
        "stars",
        "year",
        "region",
        "province",
        "price",
        "certificate",
        "producer",
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())[:MAX_QUERY_LENGTH]

    def values(self) -> dict:
        """The valid values; invalid ones are left out (see `problems()`)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def filters(self) -> dict:
        values = self.values()
        return {name: values[name] for name in self.FILTERS if name in values}

    def problems(self) -> list[str]:
        self.is_valid()
        return [
            _("Ignored %(field)s=“%(value)s”: %(error)s")
            % {"field": name, "value": self.data.get(name, "")[:40], "error": errors[0]}
            for name, errors in self.errors.items()
        ]
