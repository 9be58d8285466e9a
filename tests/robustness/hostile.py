"""What an attacker types: hostile values for URL parts, query strings and form fields,
and a reader for the forms of a page (to post them back, one field spoiled at a time).

The normal suite sends a representative value of each kind; OTOP_FUZZ=wide sends all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote

WIDE = bool(os.environ.get("OTOP_FUZZ"))
MARKER = "<script>otop-fuzz</script>"  # must never come back unescaped

# Percent-encoded, so they reach Django as raw bytes: a NUL, bytes that are not UTF-8.
NUL = "%00"
BAD_UTF8 = "%C3%28%FF%FE"
HUGE_TEXT = "ผ" * 35_000  # 105 KB of UTF-8
NUMBERS = ["-1", "99999999999999999999999", "1e309", "abc", "0x1F", "NaN", "1.5"]

# For URL kwargs: each kind once in the normal suite.
URL_VALUES = [NUL, BAD_UTF8, quote(HUGE_TEXT[:3000]), "-1", "99999999999999999999"]
if WIDE:
    URL_VALUES += [quote(MARKER), "abc", "..%2F..%2Fetc%2Fpasswd", quote("ผ้าไหม")]

QUERY_NAMES = [
    "q", "page", "sort", "province", "district", "tambon", "category", "stars",
    "year", "region", "price", "producer", "tab", "next", "unrated", "report_type",
    "date_from", "status", "order_number",
]  # fmt: skip


def query_strings() -> list[str]:
    """Query strings that spoil every parameter the project's views read."""
    spoilt = [
        "&".join(f"{n}={NUL}" for n in QUERY_NAMES),
        "&".join(f"{n}={BAD_UTF8}" for n in QUERY_NAMES),
        "&".join(f"{n}=-1" for n in QUERY_NAMES),
        "&".join(f"{n}=99999999999999999999999" for n in QUERY_NAMES),
        "&".join(f"{n}={quote(MARKER)}" for n in QUERY_NAMES),
        f"q={quote(HUGE_TEXT)}&page=abc",
    ]
    if WIDE:
        spoilt += ["&".join(f"{n}={quote(v)}" for n in QUERY_NAMES) for v in NUMBERS]
    return spoilt


def field_values(kind: str) -> list[str | bytes]:
    """Values to put in one form field; bytes are sent as they are (not UTF-8)."""
    values: list[str | bytes] = ["a\x00b", b"\xc3\x28\xff", MARKER, "-1"]
    if kind in ("number", "select", "radio", "checkbox", "hidden"):
        values += ["99999999999999999999999", "abc"]
    if kind in ("text", "textarea", "email", "search", "password", "hidden", "tel"):
        values.append(HUGE_TEXT)
    if WIDE:
        values += NUMBERS + ["", " ", "zz-not-a-choice", HUGE_TEXT, "\u202e\u200b"]
    return values


MANAGEMENT = re.compile(r"-(TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS)$")


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # name, value, kind
    choices: dict[str, list[str]] = field(default_factory=dict)
    multipart: bool = False

    def data(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value, _ in self.fields]

    def management(self) -> list[str]:
        return [name for name, _, _ in self.fields if MANAGEMENT.search(name)]


class FormReader(HTMLParser):
    """The POST forms of a page with their fields as a browser would submit them."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(
                action=a.get("action") or self.page_url,
                method=a.get("method", "get").lower(),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                kind = "submit"
            if kind == "file":
                return
            if kind in ("checkbox", "radio"):
                form.choices.setdefault(a["name"], []).append(a.get("value", "on"))
                if "checked" not in a:
                    return
            if kind != "submit":
                form.fields.append((a["name"], a.get("value", ""), kind))
        elif tag == "select":
            self._select = a["name"]
            form.choices.setdefault(a["name"], [])
            form.fields.append((a["name"], "", "select"))
        elif tag == "option" and self._select:
            value = a.get("value", "")
            form.choices[self._select].append(value)
            fields = form.fields
            index = next(i for i, f in enumerate(fields) if f[0] == self._select)
            if "selected" in a or (not fields[index][1] and value):
                fields[index] = (self._select, value, "select")
        elif tag == "textarea":
            self._textarea, self._text = a["name"], ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea and self._form:
            self._form.fields.append((self._textarea, self._text, "textarea"))
            self._textarea = None


def post_forms(html: str, page_url: str) -> list[Form]:
    reader = FormReader(page_url)
    reader.feed(html)
    return [f for f in reader.forms if f.method == "post"]
