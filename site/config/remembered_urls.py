"""Django's `{% url %}` with its answers remembered.

Registered as a template builtin (settings TEMPLATES "builtins"), so its `url` tag
replaces Django's everywhere, Oscar's and Wagtail's templates included. A page
reverses 10-40 URLs (a product page 19, a village page 27), each one walking Django's
resolver, quoting and checking the result (~25 us). The tag parses exactly as
Django's; its answer is reverse()'s, remembered under everything reverse() reads:
the view name and arguments, the current app, the active language (the `/th/`,
`/en/` prefix), the script prefix and the URLconf (`catalogue.urls_cache`). Arguments
other than text and numbers (rare) are reversed as before, unremembered.
"""

from __future__ import annotations

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from catalogue.urls_cache import remembered_reverse

register = template.Library()


class RememberedURLNode(defaulttags.URLNode):
    def render(self, context):
        # Django's URLNode.render, with reverse() remembered.
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = remembered_reverse(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        if context.autoescape:
            url = conditional_escape(url)
        return url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    node.__class__ = RememberedURLNode
    return node
