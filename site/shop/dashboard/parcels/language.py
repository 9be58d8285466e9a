"""A producer group's language: its notices (new orders) are written in it and its
dashboard opens in it. Any member may change it; the department sees it in the admin."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import generic

from catalogue.producers.membership import producers_of

# Set once a member's dashboard has opened in the group's language in this session,
# so that the language switcher still works afterwards.
SESSION_KEY = "producer_language_applied"


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language for e-mails and the dashboard"),
        choices=[("th", _("Thai")), ("en", _("English"))],
        widget=forms.Select(attrs={"class": "form-control"}),
    )


class ProducerLanguageView(LoginRequiredMixin, generic.View):
    """POST: the language of every producer this member works for."""

    def post(self, request, *args, **kwargs):
        producers = producers_of(request.user)
        if not producers.exists():
            raise Http404
        form = LanguageForm(request.POST)
        if not form.is_valid():
            return redirect("dashboard:index")
        language = form.cleaned_data["language"]
        producers.update(language=language)
        request.session[SESSION_KEY] = True
        with translation.override(language):
            # Written now, in the new language (the message is stored as text).
            messages.success(
                request,
                str(_("E-mails and the dashboard are now in English."))
                if language == "en"
                else str(_("E-mails and the dashboard are now in Thai.")),
            )
            return redirect(reverse("dashboard:index"))


def language_redirect(request):
    """Where a producer member's first dashboard visit of a session should go, if the
    page is not in the group's language (else None)."""
    user = request.user
    if user.is_staff or request.session.get(SESSION_KEY):
        return None
    producer = producers_of(user).only("language").first()
    if producer is None:
        return None
    request.session[SESSION_KEY] = True
    if (translation.get_language() or "").startswith(producer.language):
        return None
    with translation.override(producer.language):
        return redirect(reverse("dashboard:index"))
