"""What a visitor reads on a page, split by the language it is marked up in.

The crawl checks UI text: every text node and the attributes a visitor reads or hears
(title, alt, placeholder, aria-label, button values), with the language of the nearest
`lang` attribute. Scripts, styles and form fields' current values are not UI text; a
subtree marked `translate="no"` (HTML's own attribute for codes and proper names that
stay as they are) is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# The baht sign (U+0E3F) sits in the Thai block but is the currency, in either language.
THAI = re.compile(r"[\u0E00-\u0E3E\u0E40-\u0E7F]")
# Codes, numbers, e-mail addresses and URLs are the same in both languages.
NEUTRAL = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail
    r"|https?://\S+|www\.\S+"  # URLs
    r"|\S*\d\S*"  # anything with a digit: codes, SKUs, prices, dates, tracking numbers
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")

READ_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label")
BUTTON_TYPES = {"submit", "button", "reset"}
SKIPPED = {"script", "style", "template", "textarea", "svg"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
}  # fmt: skip


@dataclass(frozen=True)
class Text:
    text: str
    lang: str  # the language the markup declares for it ("th", "en", …)
    where: str  # the element (and attribute) it came from, for the report


class _Reader(HTMLParser):
    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        # (tag, lang, skipped)
        self.stack: list[tuple[str, str, bool]] = [("#document", page_lang, False)]
        self.texts: list[Text] = []

    def _lang(self) -> str:
        return self.stack[-1][1]

    def _skipped(self) -> bool:
        return self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = (a.get("lang") or self._lang()).split("-")[0].lower()
        skipped = self._skipped() or tag in SKIPPED or a.get("translate") == "no"
        if not skipped:
            for name in READ_ATTRIBUTES:
                if a.get(name):
                    self._add(a[name], lang, f"{tag}[{name}]")
            if tag == "input" and a.get("type") in BUTTON_TYPES and a.get("value"):
                self._add(a["value"], lang, "input[value]")
        if tag not in VOID:
            self.stack.append((tag, lang, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        # Pop up to the matching element (browsers forgive unclosed <p>, <li>, …).
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self._skipped() and data.strip():
            self._add(data, self._lang(), self.stack[-1][0])

    def _add(self, text: str, lang: str, where: str) -> None:
        self.texts.append(Text(" ".join(text.split()), lang, where))


def page_language(html: str) -> str:
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html)
    return match.group(1).split("-")[0].lower() if match else ""


def read(html: str) -> list[Text]:
    reader = _Reader(page_language(html))
    reader.feed(html)
    reader.close()
    return reader.texts


def thai_on_english_page(texts: list[Text], data: list[str]) -> list[Text]:
    """Thai script outside elements marked lang="th" and outside known data."""
    found = []
    for t in texts:
        if t.lang == "th":
            continue
        rest = _without(t.text, data)
        if THAI.search(rest):
            found.append(Text(rest.strip(), t.lang, t.where))
    return found


def english_on_thai_page(
    texts: list[Text], data: list[str], allowed_words: set[str]
) -> list[Text]:
    """English words (not codes, not allow-listed names) outside lang="en" elements."""
    found = []
    for t in texts:
        if t.lang == "en":
            continue
        rest = NEUTRAL.sub(" ", _without(t.text, data))
        words = [w for w in LATIN_WORD.findall(rest) if w.lower() not in allowed_words]
        if words:
            found.append(Text(t.text, t.lang, t.where))
    return found


def _without(text: str, data: list[str]) -> str:
    """The text without the data values in it (longest first, as `data` is sorted)."""
    for value in data:
        if value and value in text:
            text = text.replace(value, " ")
    return text
