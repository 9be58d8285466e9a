"""`{% url %}` (config.remembered_urls, a template builtin) answers as Django's own:
in each language's prefix, with `as`, with a missing view, whatever it remembered."""

from __future__ import annotations

from django.template import Context, Template
from django.urls import NoReverseMatch, reverse
from django.utils import translation

import pytest


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_each_language_gets_its_own_prefix_however_often_it_is_asked():
    source = (
        "{% url 'villages:province' code %}|{% url 'villages:tambon' code=tambon %}"
    )
    for _ in range(2):
        for language in ("th", "en", "th"):
            with translation.override(language):
                expected = (
                    reverse("villages:province", args=["50"])
                    + "|"
                    + reverse("villages:tambon", kwargs={"code": "500101"})
                )
                assert render(source, code="50", tambon="500101") == expected
                assert expected.startswith(f"/{language}/")


def test_as_variable_missing_views_and_unremembered_arguments_behave_as_django():
    with translation.override("en"):
        assert render("{% url 'nope' as u %}[{{ u }}]") == "[]"
        with pytest.raises(NoReverseMatch):
            render("{% url 'nope' %}")

        class Code:
            def __str__(self):
                return "73"

        assert render("{% url 'villages:province' code %}", code=Code()) == reverse(
            "villages:province", args=["73"]
        )


def test_a_script_prefix_is_part_of_what_is_remembered():
    from django.urls import get_script_prefix, set_script_prefix

    before = get_script_prefix()
    with translation.override("th"):
        plain = render("{% url 'villages:province' '10' %}")
        set_script_prefix("/shop/")
        try:
            prefixed = render("{% url 'villages:province' '10' %}")
        finally:
            set_script_prefix(before)
    assert prefixed == "/shop" + plain
