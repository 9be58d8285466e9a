"""Requests whose text cannot be text: refused with a 400 before any view sees them.

A NUL byte cannot be stored in PostgreSQL (DataError: a 500 wherever a URL part or a
query parameter reaches a query), and bytes that are not UTF-8 are only guessed at by
Django (replaced by U+FFFD). Django's form CharFields refuse NUL already, but URL
kwargs, query parameters and Oscar's views reading request.POST directly do not, so
the check is made once, here, for the path, the query string and form fields.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def undecodable(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def malformed(request) -> str | None:
    # WSGI hands over the path as latin-1 text of the raw (percent-decoded) bytes.
    path = request.META.get("PATH_INFO", "").encode("latin-1", errors="replace")
    if undecodable(path):
        return "path"
    query = request.META.get("QUERY_STRING", "").encode("latin-1", errors="replace")
    if undecodable(unquote_to_bytes(query.replace(b"+", b" "))):
        return "query string"
    if request.method in ("POST", "PUT", "PATCH"):
        content_type = request.content_type or ""
        if content_type == FORM:
            if undecodable(unquote_to_bytes(request.body.replace(b"+", b" "))):
                return "form"
        elif content_type == MULTIPART:
            # Files may hold any bytes; the other fields are text (Django has already
            # replaced undecodable bytes there, so only NUL is left to find).
            for key, values in request.POST.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return "form"
    return None


class RejectMalformedInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if where := malformed(request):
            # Django answers with handler400 (templates/400.html), in both languages.
            raise BadRequest(f"NUL byte or invalid UTF-8 in the {where}")
        return self.get_response(request)
