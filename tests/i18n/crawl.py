"""Crawl the site as one role in one language and list the UI text in the other
language (see page_text). Links are followed from the start pages, same language only,
within the role's part of the site, up to a bound."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from . import page_text

HERE = Path(__file__).resolve().parent
MAX_PAGES = 120

# Where each role looks. The staff crawl covers the screens a producer uses and the
# review desk (Oscar's other dashboard sections are out of scope for now).
SCOPES = {
    "anonymous": ("",),
    "buyer": ("",),
    "producer": ("dashboard/", "producer/", "producers/", "accounts/"),
    "staff": (
        "dashboard/",
        "dashboard/catalogue/products/",
        "dashboard/orders/",
        "dashboard/review/",
    ),
}
STAFF_EXACT = {"dashboard/"}
# Never followed: side effects, other languages, non-HTML, admin sites.
NEVER = re.compile(
    r"logout|/i18n/|/cms/|/django-admin/|/static/|/media/|\.(xml|csv|json|txt)$"
    r"|/delete/|/remove/|/withdraw/|/export|/password-reset/confirm/|/reviews/\d+/vote"
)


def allowed_words() -> set[str]:
    """tests/i18n/allowlist.txt: words that stay in English on Thai pages."""
    words = set()
    for line in (HERE / "allowlist.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower())
    return words


@dataclass
class Finding:
    url: str
    text: str
    where: str


@dataclass
class CrawlResult:
    role: str
    language: str
    pages: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def pages_with_findings(self) -> set[str]:
        return {f.url for f in self.findings}


def in_scope(role: str, path: str) -> bool:
    if role == "staff" and path in STAFF_EXACT:
        return True
    scopes = SCOPES[role]
    if role == "staff":
        return any(path.startswith(s) for s in scopes[1:])
    if scopes == ("",):
        return not path.startswith("dashboard/")
    return any(path.startswith(s) for s in scopes)


def crawl(client, role: str, language: str, start_urls: list[str], typed: set[str]):
    result = CrawlResult(role, language)
    words = allowed_words()
    data = sorted(typed, key=len, reverse=True)
    prefix = f"/{language}/"
    queue = [prefix + u for u in start_urls if in_scope(role, u.split("?")[0])]
    seen = set(queue)
    while queue and len(result.pages) < MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code >= 500:
            result.errors.append(f"{response.status_code} {url}")
            continue
        if response.status_code in (301, 302):
            target = urlsplit(urljoin(url, response["Location"])).path
            _enqueue(target, role, prefix, seen, queue)
            continue
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        html = response.content.decode()
        result.pages.append(url)
        _dump(role, url, html)
        texts = page_text.read(html)
        if language == "en":
            found = page_text.thai_on_english_page(texts, data)
        else:
            found = page_text.english_on_thai_page(texts, data, words)
        result.findings += [Finding(url, t.text, t.where) for t in found]
        for href in re.findall(r'href="([^"#]+)', html):
            target = urlsplit(urljoin(url, unescape(href)))
            if not target.netloc or target.netloc == "testserver":
                _enqueue(unquote(target.path), role, prefix, seen, queue)
    return result


def _dump(role: str, url: str, html: str) -> None:
    """With I18N_DUMP=<folder>, each crawled page is saved there (to look into one)."""
    if folder := os.environ.get("I18N_DUMP"):
        path = Path(folder) / role / (re.sub(r"\W+", "_", url)[:150] + ".html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


def _enqueue(path: str, role: str, prefix: str, seen: set, queue: list) -> None:
    if not path.startswith(prefix) or NEVER.search(path) or path in seen:
        return
    if in_scope(role, path[len(prefix) :]):
        seen.add(path)
        queue.append(path)


def report(results: list[CrawlResult]) -> str:
    lines = []
    for r in results:
        lines.append(
            f"== {r.role} /{r.language}/: {len(r.pages)} pages, "
            f"{len(r.pages_with_findings)} with "
            + ("Thai UI text" if r.language == "en" else "English UI text")
            + f", {len(r.findings)} findings, {len(r.errors)} errors"
        )
        lines += [f"  ERROR {e}" for e in r.errors]
        for f in r.findings:
            lines.append(f"  {f.url}  <{f.where}>  {f.text[:160]}")
    return "\n".join(lines) + "\n"
