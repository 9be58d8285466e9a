"""config.form_renderer writes a plain <input> exactly as Django's templates do."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

import pytest

from config.form_renderer import FormRenderer


class EveryInput(forms.Form):
    text = forms.CharField(max_length=20, help_text="help")
    number = forms.IntegerField(min_value=1, initial=1)
    price = forms.DecimalField(required=False, initial="12.50")
    email = forms.EmailField(widget=forms.EmailInput(attrs={"placeholder": "a@b"}))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput, initial='"<quoted> & more"')
    agree = forms.BooleanField(required=False, initial=True)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    search = forms.CharField(
        widget=forms.TextInput(
            attrs={
                "placeholder": gettext_lazy("Search"),
                "data-safe": mark_safe("<b>"),
                "data-tuple": (1, 2),
                "autofocus": True,
                "disabled": False,
            }
        )
    )
    choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])  # not an <input>


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": "<script>alert('x')</script>",
            "number": "3",
            "email": "x@y",
            "secret": "p&ss",
            "hidden": "h",
            "agree": "on",
            "day": "2026-12-02",
            "search": mark_safe("safe & sound"),
            "choice": "b",
        },
    ],
)
def test_every_field_renders_as_with_djangos_templates(data):
    ours = EveryInput(data=data, renderer=FormRenderer())
    django = EveryInput(data=data, renderer=DjangoTemplates())
    for name in EveryInput.base_fields:
        assert str(ours[name]) == str(django[name]), name
        assert ours[name].as_widget(attrs={"class": "form-control"}) == django[
            name
        ].as_widget(attrs={"class": "form-control"})
    assert str(ours) == str(django)


def test_it_is_the_sites_renderer():
    assert isinstance(forms.Form().renderer, FormRenderer)


def test_the_text_like_widgets_skip_the_template_engine(monkeypatch):
    def no_templates(self, template_name, context, request=None):
        raise AssertionError(template_name)

    monkeypatch.setattr(DjangoTemplates, "render", no_templates)
    form = EveryInput(renderer=FormRenderer())
    for name in ("text", "number", "email", "secret", "hidden", "agree", "day"):
        assert str(form[name]).startswith("<input ")
