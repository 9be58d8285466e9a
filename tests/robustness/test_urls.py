"""Every URL pattern of the project, with hostile values in its URL parts and in the
query string, as a guest, a buyer, a producer and staff: never a 5xx, and no value
comes back unescaped."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from .hostile import MARKER, URL_VALUES, WIDE, query_strings
from .world import build_world

pytestmark = pytest.mark.django_db

# Third-party admin sites with hundreds of routes each; their login forms are fuzzed
# in test_forms.py.
SKIPPED = ("django-admin/", "cms/", "en/")


def routes() -> list[str]:
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    return sorted(
        {r for r in walk(get_resolver().url_patterns) if not r.startswith(SKIPPED)}
    )


def fill(route: str, value: str) -> str:
    """The route with every parameter (converter or regex group) set to `value`."""
    route = re.sub(r"<(?:\w+:)?\w+>", value, route)
    out, depth, i = [], 0, 0
    while i < len(route):
        c = route[i]
        if c == "\\":
            if depth == 0:
                out.append(route[i + 1])
            i += 2
            continue
        if c == "(":
            if depth == 0:
                out.append(value)
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "[" and depth:  # a class may hold parentheses: skip it whole
            i = route.index("]", i + 1)
        elif depth == 0 and c not in "^$":
            out.append(c)
        i += 1
    return "/" + "".join(out)


def test_every_route_is_filled_sensibly():
    filled = [fill(r, "X") for r in routes()]
    assert "/th/catalogue/X_X/reviews/X/vote/" in filled
    assert "/th/accounts/addresses/X/X/" in filled
    assert "/th/X" in filled and "/sitemap-X.xml" in filled
    assert all("(" not in u and "^" not in u and "\\" not in u for u in filled)


def test_no_route_answers_5xx_to_hostile_url_parts_or_query_strings():
    world = build_world()
    visitors = {
        "guest": world.guest,
        "buyer": world.buyer,
        "producer": world.producer,
        "staff": world.staff,
    }
    queries = query_strings()
    failures, requests = [], 0
    for index, route in enumerate(routes()):
        # Every route with every URL value and one hostile query string each (a
        # different one per route and value), as every visitor in turn.
        for n, value in enumerate(URL_VALUES):
            url = fill(route, value)
            query = queries[(index + n) % len(queries)]
            for name, client in visitors.items():
                if not WIDE and (index + n) % len(visitors) != list(visitors).index(
                    name
                ):
                    continue
                client.raise_request_exception = False
                for target in (url, f"{url}?{query}"):
                    response = client.get(target)
                    requests += 1
                    problem = check(response)
                    if problem:
                        failures.append(f"{name} GET {target[:160]} → {problem}")
    print(f"\n{len(routes())} routes, {requests} requests, {len(failures)} failures")
    assert not failures, "\n".join(failures[:60])


def check(response) -> str | None:
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    if "html" in response.get("Content-Type", "") and hasattr(response, "content"):
        if MARKER in response.content.decode(errors="replace"):
            return "marker unescaped"
    return None
