"""FORM_RENDERER: Django's template renderer, with a plain <input> written in Python.

Every text-like widget (text, number, email, hidden, date, checkbox...) renders
Django's `input.html`, which includes `attrs.html`: three templates through the
template engine for one tag, ~0.5 ms of CPU per field on the product page's
add-to-basket form and on every other form. This renderer writes the same tag
directly, as those two templates do: `type` and `name`, `value` unless None, then each
attribute (left out when False, bare when True), each value as `stringformat:'s'`
gives it and escaped unless it is safe. Any other template is Django's.

Django's DjangoTemplates renderer looks in its own form templates first (DIRS before
APP_DIRS), so an app cannot override these: what is written here is what they say.
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

_WIDGETS = (
    Path(django.forms.__file__).parent / "templates" / "django" / "forms" / "widgets"
)
_INPUT = "django/forms/widgets/input.html"
_INCLUDES_INPUT = f'{{% include "{_INPUT}" %}}'


def _input_templates() -> frozenset[str]:
    """input.html and the widget templates that only include it (read from Django's
    files, so a Django upgrade that changes one is seen)."""
    names = {_INPUT}
    for path in _WIDGETS.glob("*.html"):
        if path.read_text().strip() == _INCLUDES_INPUT:
            names.add(f"django/forms/widgets/{path.name}")
    return frozenset(names)


_INPUT_TEMPLATES = _input_templates()


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: `stringformat` keeps a safe value safe."""
    # ("%s" % value, with a tuple made text first, is str(value).)
    try:
        text = str(value)
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _input_html(widget: dict) -> str:
    parts = [
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"'
    ]
    if widget["value"] != None:  # noqa: E711 (the template's `!= None`)
        parts.append(f' value="{_formatted(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is not False:
            parts.append(f" {conditional_escape(name)}")
            if value is not True:
                parts.append(f'="{_formatted(value)}"')
    parts.append(">")
    return "".join(parts)


def _plain(widget) -> bool:
    # The template engine would call a callable value; leave those to it.
    return (
        isinstance(widget, dict)
        and {"type", "name", "value", "attrs"} <= widget.keys()
        and isinstance(widget["attrs"], dict)
        and not any(callable(v) for v in (widget["value"], *widget["attrs"].values()))
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in _INPUT_TEMPLATES and _plain(context.get("widget")):
            return _input_html(context["widget"])
        return super().render(template_name, context, request)
