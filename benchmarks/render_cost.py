"""python benchmarks/render_cost.py: the CPU an uncached render costs, in one process.

Issue 10's render targets (listing pages with 24 cards <= 15 ms, product <= 8 ms,
village <= 20 ms) are app CPU per request with a cold page cache. `pages.py` measures
them under load through gunicorn; this script renders each page in-process through
Django's whole stack (production settings, PAGE_CACHE_SECONDS=0, the listing counts
and thumbnails warm as on a running site), and prints the median CPU milliseconds of
`--rounds` renders (process time: the machine's other work does not count), the
same as a multiple of the floor's (a bare view returning 30 KB behind the same
middleware, rendered the same way: a figure that does not depend on the machine's
speed) and the SQL statements of one render; `--buyer` renders them for the demo
buyer signed in with a basket. `--profile PAGE` prints that page's
cProfile instead (in CPU time, as the figures are), cumulative, top `--top` lines.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h10_demo python benchmarks/render_cost.py
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks import pages as load  # noqa: I001


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--profile", help="a page name: print its profile")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument(
        "--buyer",
        action="store_true",
        help="render as the demo buyer, signed in with a product in the basket",
    )
    args = parser.parse_args()
    args.static_root = load.tempfile.mkdtemp(prefix="otop-static-")
    env = load.environment(args, None)
    env["PAGE_CACHE_SECONDS"] = "0"
    load.setup_django(env)

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import clear_url_caches

    # The floor (a bare view returning 30 KB behind the same middleware, as
    # pages.py's) is rendered first: each page's CPU is also given as a multiple
    # of it, a figure that does not depend on how fast this machine is.
    settings.ROOT_URLCONF = "benchmarks.floor_urls"
    clear_url_caches()
    call_command("collectstatic", interactive=False, verbosity=0)
    every_page = load.discover_pages()
    pages = {
        name: url for name, url in every_page.items() if name != "basket add (POST)"
    }
    if args.pages:
        pages = {name: pages[name] for name in ["floor", *args.pages.split(",")]}
    if args.buyer:
        # The demo buyer signed in with a product in the basket, as pages.py's buyer.
        client, _cookie = load.signed_in_buyer(every_page)
    else:
        client = Client(HTTP_HOST="127.0.0.1")

    def render(url: str) -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")

    if args.profile:
        url = pages[args.profile]
        for _ in range(5):
            render(url)
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(args.rounds):
            render(url)
        profile.disable()
        stats = pstats.Stats(profile).sort_stats("cumulative")
        stats.print_stats(args.top)
        return

    print(f"{'page':<10} {'CPU ms':>7} {'x floor':>8} {'SQL':>4}  url")
    floor = None
    for name, url in pages.items():
        for _ in range(3):
            render(url)  # warm: thumbnails, listing counts, template loaders
        spent = []
        for _ in range(args.rounds):
            started = time.process_time()
            render(url)
            spent.append((time.process_time() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            render(url)
        cost = statistics.median(spent)
        floor = floor or cost
        print(f"{name:<10} {cost:7.1f} {cost / floor:8.0f} {len(queries):4d}  {url}")


if __name__ == "__main__":
    main()
