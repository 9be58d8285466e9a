"""python benchmarks/pages.py: storefront pages under load, beside a floor, in one run.

Starts gunicorn (production settings, 2 sync workers) on a database of its own with
`benchmarks/floor_wsgi.py`, whose `/floor/` is a bare Django view returning 30 KB
behind the same middleware, and prints for every page: req/s at each concurrency,
the app's CPU ms per request (from /proc of the gunicorn workers), p50/p95/p99
latency, req/s as a ratio to the floor's at the same concurrency, errors, SQL
statements (for a rendered page, and for one the page cache answers) and the
database's time per page (the sum of its statements' durations, timed around each
statement with a connection execute_wrapper, in this process: a rendered page once
the listing counts are cached; `cold`, the first view after a content change that
leaves the search documents as they were, a sale or a photo; and `recount`, the
first view after a change of the documents, when the listings' counts and the search
answers are made again).
Load comes from `wrk`.

    createdb h10_demo && export DATABASE_URL=postgres://postgres@127.0.0.1:5432/h10_demo
    python manage.py migrate && python manage.py load_geography && python manage.py load_demo
    CACHE_URL=redis://127.0.0.1:6379/2 python benchmarks/pages.py --port 8101

`--modes cached,uncached,buyer` runs the server three times: with the page cache,
without it (PAGE_CACHE_SECONDS=0: every page rendered, a cold cache), and as the demo
buyer signed in with a product in the basket (pages rendered for them). Every figure is
the median of `--repeats` rounds (3), each round measuring the floor and every page one
after the other; a ratio to the floor is the median of each round's own ratio. The
machine may be shared: read the ratios to the floor, measured in the same run (the
load average is printed before and after).

Several databases side by side (`--database` again), the demo shop and a large
catalogue that `--build` makes first where it is missing (migrate, geography,
`benchmarks/build_catalogue.py` with the search index, which the catalogue and
category facets count from):

    createdb h10_100k
    python benchmarks/pages.py --database postgres://postgres@127.0.0.1:5432/h10_demo \
        --database postgres://postgres@127.0.0.1:5432/h10_100k --build 100000

Each database is measured by a child process of its own (one Django setup each, the
cache cleared first); the parent prints each one's tables and then a comparison of
every page across them (req/s at c=8, uncached, as a fraction of the first database's).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CSRF_SECRET = "benchmarkbenchmarkbenchmarkbench"  # 32 characters: a CSRF cookie value

LUA = r"""
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.headers["Accept-Encoding"] = "gzip"
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
local body = os.getenv("BENCH_BODY")
if body then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Sec-Fetch-Site"] = "same-origin"
  wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
  wrk.headers["Cookie"] = "csrftoken=" .. os.getenv("BENCH_CSRF") ..
    ((cookie and cookie ~= "") and ("; " .. cookie) or "")
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d errors=%d duration=%d p50=%d p95=%d p99=%d\n",
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


def environment(args, database: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=env.get("SECRET_KEY", "benchmark-" + secrets.token_hex(16)),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        STATIC_ROOT=args.static_root,
        LOG_LEVEL="ERROR",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback (production redirects)
    )
    if database:
        env["DATABASE_URL"] = database
    if "conn_max_age" not in env.get("DATABASE_URL", ""):
        sep = "&" if "?" in env.get("DATABASE_URL", "") else "?"
        env["DATABASE_URL"] = env.get("DATABASE_URL", "") + f"{sep}conn_max_age=600"
    return env


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    for path in (ROOT, ROOT / "site"):
        sys.path.insert(0, str(path))
    import django

    django.setup()


def discover_pages() -> dict[str, str]:
    """One URL of each kind of page, from the database."""
    from django.utils import translation

    from wagtail.models import Page

    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")

    with translation.override("th"):
        product = Product.objects.browsable().order_by("pk").first()
        category = Category.objects.filter(depth=1).order_by("path").first()
        pages = {
            "floor": "/floor/",
            "home": "/th/",
            "catalogue": "/th/catalogue/",
            "category": category.get_absolute_url(),
            "product": product.get_absolute_url(),
            "search": "/th/search/?q=" + quote("ผ้าไหม"),
        }
        for name, model in [
            ("village", "villagepage"),
            ("kbo", "kbonetworkpage"),
            ("fair", "fairpage"),
        ]:
            page = (
                Page.objects.live()
                .filter(content_type__model=model, locale__language_code="th")
                .order_by("path")
                .first()
            )
            if page:
                pages[name] = page.url
        producer = product.producer
        pages["producer"] = f"/th/producers/{producer.registration_number}/"
        province = producer.tambon.district.province_id
        pages["place"] = f"/th/places/province/{province}/"
        pages["basket add (POST)"] = f"/th/basket/add-from-page/{product.pk}/"
    return pages


def signed_in_buyer(pages: dict[str, str]):
    """A test client signed in as the demo buyer, with a product in its basket (added
    through the page's own form), and the Cookie header that makes wrk that buyer."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    buyer = User.objects.filter(email="buyer@otop.example").first()
    if buyer is None:
        buyer = User.objects.create_user("bench-buyer", "bench-buyer@otop.example")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(buyer)
    client.post(
        pages["basket add (POST)"],
        {"quantity": "1"},
        headers={"sec-fetch-site": "same-origin", "origin": "http://127.0.0.1"},
    )
    cookie = "; ".join(f"{m.key}={m.value}" for m in client.cookies.values())
    return client, cookie


class StatementTimer:
    """A connection execute_wrapper: counts the statements run and adds up their
    durations (the database's time, with the rows' transfer)."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.statements: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - started
            self.seconds += took
            self.count += 1
            self.statements.append((took, sql, params))

    def server_ms(self) -> float | None:
        """The database's own time for these statements: planning and execution as
        EXPLAIN ANALYZE reports them when run again (PostgreSQL; None elsewhere),
        without the waits for a busy machine's CPU that the wall-clock sum holds.
        Statements other than reads count their wall-clock time."""
        from django.db import connection

        if connection.vendor != "postgresql":
            return None
        total = 0.0
        with connection.cursor() as cursor:
            for took, sql, params in self.statements:
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    total += took * 1000
                    continue
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
                plan = cursor.fetchone()[0]
                plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
                total += plan["Planning Time"] + plan["Execution Time"]
        return total

    def explain(self, slowest: int = 2) -> str:
        """EXPLAIN ANALYZE of the slowest statements (PostgreSQL)."""
        from django.db import connection

        shown = []
        for took, sql, params in sorted(self.statements, key=lambda s: -s[0])[:slowest]:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            shown.append(f"-- {took * 1000:.1f} ms: {sql[:300]}\n{plan}")
        return "\n\n".join(shown)


def profile_pages(
    pages: dict[str, str], buyer=None, timings: int = 5, explain: tuple = ()
) -> dict:
    """Per page, in this process: `sql` (statements of a rendered page), `cached_sql`
    (when the page cache answers; None for a buyer or a POST), `sale_sql` (the next
    view after a unit of another product is sold, as an order allocates it), `db_ms` (the database's
    time for a rendered page, median of `timings` views), `cold_db_ms` (the first
    view after a content change that leaves the search documents as they were) and
    `recount_db_ms` (the first view after the documents changed: the listing counts
    and search answers made again). Each page is viewed once first, so that what a
    process loads once (the search vocabulary) is not counted. The
    pages named in `explain` have their slowest statements' plans printed to stderr."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from catalogue import content_version
    from shop.search.index_version import DOCUMENTS

    def documents_changed() -> None:
        DOCUMENTS.bump()
        content_version.bump()

    headers = {"sec-fetch-site": "same-origin", "origin": "http://127.0.0.1"}

    def view(url: str, post: bool) -> StatementTimer:
        if buyer is not None:
            client = buyer
            data = {"quantity": "1"}
        else:
            client = Client(HTTP_HOST="127.0.0.1")
            client.cookies["csrftoken"] = CSRF_SECRET
            data = {"quantity": "1", "csrfmiddlewaretoken": CSRF_SECRET}
        timer = StatementTimer()
        with connection.execute_wrapper(timer):
            if post:
                response = client.post(url, data, headers=headers)
            else:
                response = client.get(url)
        if response.status_code not in (200, 302):
            print(f"{url}: {response.status_code}", file=sys.stderr)
        return timer

    sale = other_products_stock(pages)
    profiles = {}
    has_page_cache = hasattr(settings, "PAGE_CACHE_SECONDS")
    for name, url in pages.items():
        post = "POST" in name
        with override_settings(PAGE_CACHE_SECONDS=0):
            view(url, post)
            content_version.bump()
            cold = view(url, post)
            documents_changed()
            recount = view(url, post)
            rendered = [view(url, post) for _ in range(timings)]
        hit = sold = None
        if has_page_cache and not post and buyer is None:
            view(url, post)
            hit = view(url, post).count
            if sale is not None:
                sale.allocate(1)
                sold = view(url, post).count
                sale.cancel_allocation(1)
        if name in explain:
            print(f"\n## EXPLAIN {name}, cold\n{cold.explain()}", file=sys.stderr)
            print(f"\n## EXPLAIN {name}\n{rendered[-1].explain()}", file=sys.stderr)
        profiles[name] = {
            "sql": rendered[-1].count,
            "cached_sql": hit,
            "sale_sql": sold,
            "db_ms": statistics.median(t.seconds * 1000 for t in rendered),
            "cold_db_ms": cold.seconds * 1000,
            "server_ms": rendered[-1].server_ms(),
            "cold_server_ms": cold.server_ms(),
            "recount_db_ms": recount.seconds * 1000,
            "recount_server_ms": recount.server_ms(),
        }
    return profiles


def other_products_stock(pages: dict[str, str]):
    """A stock record with units to sell, of a product that none of these pages is
    the page of (None if there is none)."""
    from django.db.models import F, Value
    from django.db.models.functions import Coalesce

    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    own = {int(m[1]) for url in pages.values() if (m := re.search(r"_(\d+)/$", url))}
    return (
        StockRecord.objects.filter(
            num_in_stock__gt=Coalesce(F("num_allocated"), Value(0)) + 2
        )
        .exclude(product_id__in=own)
        .order_by("pk")
        .first()
    )


def free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def start_server(args, env: dict[str, str]) -> subprocess.Popen:
    if not free(args.port):
        sys.exit(f"port {args.port} is taken")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--pythonpath",
            f"{ROOT / 'site'},{ROOT}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
            "benchmarks.floor_wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        if not free(args.port):
            return server
        time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def worker_pids(server: subprocess.Popen) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(server.pid)], capture_output=True, text=True
    ).stdout
    return [int(pid) for pid in out.split()]


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def idle(args, pids: list[int], timeout: float = 120) -> None:
    """Wait for the workers to finish what the last run left queued: wrk stops at its
    deadline, but the requests it had sent wait in the listen queue and would be
    served (and counted) during the next run. A request for the floor on a new
    connection, one per worker, joins the end of that queue; then the workers' CPU
    must stay still for half a second."""
    import urllib.request

    for _ in range(2):
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{args.port}/floor/", timeout=timeout
            ).read()
        except Exception as error:
            print(f"drain: {error}", file=sys.stderr)
    deadline = time.monotonic() + timeout
    ticks, still = cpu_ticks(pids), 0
    while time.monotonic() < deadline and still < 2:
        time.sleep(0.25)
        now = cpu_ticks(pids)
        still = still + 1 if now == ticks else 0
        ticks = now


def run_wrk(
    args, url: str, connections: int, post: bool, lua: str, cookie: str = ""
) -> dict:
    env = dict(os.environ)
    env["BENCH_COOKIE"] = cookie
    if post:
        env.update(
            BENCH_METHOD="POST",
            BENCH_BODY=f"quantity=1&csrfmiddlewaretoken={CSRF_SECRET}",
            BENCH_ORIGIN=f"http://127.0.0.1:{args.port}",
            BENCH_CSRF=CSRF_SECRET,
        )
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{args.seconds}s",
            "--timeout",
            "10s",
            "-s",
            lua,
            f"http://127.0.0.1:{args.port}{url}",
        ],
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    found = re.search(r"BENCH (.*)", out)
    if not found:
        raise SystemExit(f"wrk printed nothing usable:\n{out}")
    return {k: int(v) for k, v in (kv.split("=") for kv in found.group(1).split())}


def measure_mode(args, env, pages, mode: str, lua: str, cookie: str = "") -> dict:
    env = dict(env)
    if mode == "uncached":
        env["PAGE_CACHE_SECONDS"] = "0"
    server = start_server(args, env)
    rounds: dict = {}
    try:
        pids = worker_pids(server)
        import urllib.request

        for url in pages.values():  # thumbnails, renditions, the cache: filled once
            if not url.startswith("/th/basket"):
                for _ in range(3):
                    request = urllib.request.Request(
                        f"http://127.0.0.1:{args.port}{url}",
                        headers={"Cookie": cookie} if cookie else {},
                    )
                    try:
                        urllib.request.urlopen(request)
                    except Exception as error:
                        print(f"warm-up {url}: {error}", file=sys.stderr)
        for _round in range(args.repeats):
            for name, url in pages.items():
                post = "POST" in name
                for c in args.connections:
                    idle(args, pids)
                    before = cpu_ticks(pids)
                    figures = run_wrk(args, url, c, post, lua, cookie)
                    used = cpu_ticks(pids) - before
                    requests = max(1, figures["requests"])
                    rounds.setdefault((name, c), []).append(
                        {
                            "rps": requests / (figures["duration"] / 1e6),
                            "cpu_ms": used * 1000 / CLOCK_TICKS / requests,
                            "p50": figures["p50"] / 1000,
                            "p95": figures["p95"] / 1000,
                            "p99": figures["p99"] / 1000,
                            "errors": figures["errors"],
                        }
                    )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    results = {}
    for (name, c), runs in rounds.items():
        floors = rounds[("floor", c)]
        figures = {
            key: statistics.median(run[key] for run in runs)
            for key in ("rps", "cpu_ms", "p50", "p95", "p99")
        }
        figures["errors"] = sum(run["errors"] for run in runs)
        figures["ratio"] = statistics.median(
            run["rps"] / floor["rps"] for run, floor in zip(runs, floors, strict=True)
        )
        results.setdefault(name, {})[c] = figures
    return results


def ratio_text(ratio: float) -> str:
    return f"{ratio:.2f}x" if ratio >= 1 else f"1/{1 / ratio:.1f}"


def db_text(profile: dict) -> str:
    """ "rendered / cold / recount" wall-clock ms, then the database's own in
    parentheses."""
    names = ("db_ms", "cold_db_ms", "recount_db_ms")
    text = " / ".join(f"{profile[n]:.1f}" for n in names)
    if profile.get("server_ms") is not None:
        names = ("server_ms", "cold_server_ms", "recount_server_ms")
        text += f" ({' / '.join(f'{profile[n]:.1f}' for n in names)})"
    return text


def print_table(mode: str, measured: dict) -> None:
    """One mode's table: every page at every concurrency."""
    results = measured["modes"][mode]
    profiles = measured["buyer" if mode == "buyer" else "anonymous"]
    connections = sorted(next(iter(results.values())))
    mid = 8 if 8 in connections else connections[0]
    top = connections[-1]
    print(f"\n### {mode} ({measured['label']})")
    print(
        f"| page | {' | '.join(f'req/s c={c}' for c in connections)} "
        f"| ratio to floor c={mid} | CPU ms/req c={mid} "
        f"| {' | '.join(f'p50/p95/p99 ms c={c}' for c in connections)} "
        f"| errors c={top} | SQL rendered / cached / after a sale "
        "| DB ms rendered / cold / recount (in the database) |"
    )
    print("|---" * (2 * len(connections) + 6) + "|")
    for name, by_c in results.items():
        rates = " | ".join(f"{by_c[c]['rps']:.1f}" for c in connections)
        latencies = " | ".join(
            f"{by_c[c]['p50']:.1f} / {by_c[c]['p95']:.1f} / {by_c[c]['p99']:.1f}"
            for c in connections
        )
        profile = profiles.get(name)
        sql = db = ""
        if profile:
            hit, sold = profile["cached_sql"], profile.get("sale_sql")
            sql = f"{profile['sql']} / {'' if hit is None else hit}"
            sql += f" / {'' if sold is None else sold}"
            db = db_text(profile)
        print(
            f"| {name} | {rates} | {ratio_text(by_c[mid]['ratio'])} "
            f"| {by_c[mid]['cpu_ms']:.2f} | {latencies} "
            f"| {by_c[top]['errors']} | {sql} | {db} |"
        )


def print_comparison(all_measured: list[dict]) -> None:
    """Every page across the databases: uncached req/s at c=8 (and its share of the
    first database's), its ratio to the floor, and the database's time per page."""
    first = all_measured[0]
    modes = [m for m in ("uncached", "cached", "buyer") if m in first["modes"]]
    print("\n### side by side (c=8; DB ms rendered / cold / recount (in the database))")
    head = []
    for measured in all_measured:
        label = measured["label"]
        head += [f"{mode} req/s ({label})" for mode in modes]
        head += [f"DB ms ({label})"]
    if len(all_measured) > 1 and modes:
        head += [
            f"{m['label']} / {first['label']} ({modes[0]})" for m in all_measured[1:]
        ]
    print(f"| page | {' | '.join(head)} |")
    print("|---" * (len(head) + 1) + "|")
    for name in first["pages"]:
        cells = []
        for measured in all_measured:
            for mode in modes:
                row = measured["modes"][mode].get(name, {}).get(8)
                cells.append(
                    f"{row['rps']:.1f} ({ratio_text(row['ratio'])})" if row else ""
                )
            profile = measured["anonymous"].get(name)
            cells.append(db_text(profile) if profile else "")
        if modes:
            base = first["modes"][modes[0]][name].get(8)
            for measured in all_measured[1:]:
                row = measured["modes"][modes[0]].get(name, {}).get(8)
                cells.append(f"{row['rps'] / base['rps']:.2f}" if row else "")
        print(f"| {name} | {' | '.join(cells)} |")


def describe(database: str) -> str:
    """The catalogue's size, as a label: "1,600 products"."""
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    return f"{Product.objects.count():,} products"


def measure_database(args, database: str | None) -> dict:
    """Every mode on one database (this process sets Django up on it)."""
    env = environment(args, database)
    setup_django(env)
    from django.core.management import call_command
    from django.urls import resolve

    call_command("collectstatic", interactive=False, verbosity=0)
    pages = every_page = discover_pages()
    if args.pages:
        wanted = {"floor", *args.pages.split(",")}
        pages = {k: v for k, v in pages.items() if k in wanted}
    basket = pages.get("basket add (POST)")
    if basket and resolve(basket).url_name != "basket-add-from-page":
        # Before the page cache: Oscar's own view, with the token.
        pages["basket add (POST)"] = basket.replace("add-from-page", "add")
    modes = [mode for mode in args.modes.split(",") if mode]
    measured = {
        "label": describe(database),
        "pages": pages,
        "anonymous": profile_pages(pages, explain=tuple(args.explain.split(","))),
        "buyer": {},
        "modes": {},
    }
    cookie = ""
    if "buyer" in modes:
        # Its basket is filled through the add-to-basket page, measured or not.
        client, cookie = signed_in_buyer(every_page)
        measured["buyer"] = profile_pages(pages, client)
    from django.core.cache import cache

    cache.clear()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(LUA)
    measured["load_before"] = os.getloadavg()
    for mode in modes:
        buyer = mode == "buyer"
        measured["modes"][mode] = measure_mode(
            args, env, pages, mode, lua.name, cookie if buyer else ""
        )
    measured["load_after"] = os.getloadavg()
    os.unlink(lua.name)
    return measured


def build(args, database: str) -> None:
    """A catalogue of `--build` products in `database`, unless it has one: migrate,
    geography, then benchmarks/build_catalogue.py, which also writes the search index
    (products and producers) that the listings' facets and the search page count
    from."""
    env = {**os.environ, "DATABASE_URL": database}
    python = sys.executable

    def run(*command: str) -> str:
        print("+", " ".join(command), file=sys.stderr, flush=True)
        return subprocess.run(
            [python, *command],
            cwd=ROOT,
            env=env,
            check=True,
            text=True,
            stdout=subprocess.PIPE,
        ).stdout

    run("manage.py", "migrate", "-v0")
    count = "from catalogue.models import Product; print(Product.objects.count())"
    if int(run("manage.py", "shell", "-c", count).split()[-1]) >= args.build:
        return
    run("manage.py", "load_geography")
    run("benchmarks/build_catalogue.py", "--products", str(args.build))  # + its index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database",
        action="append",
        help="DATABASE_URL (default: the environment); again for another, side by side",
    )
    parser.add_argument(
        "--build",
        type=int,
        metavar="PRODUCTS",
        help="fill the last --database with this many products first, if it has fewer",
    )
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument(
        "--connections",
        type=lambda s: [int(c) for c in s.split(",")],
        default=[1, 8, 32],
    )
    parser.add_argument("--repeats", type=int, default=3, help="rounds (medians)")
    parser.add_argument("--modes", default="uncached,cached,buyer")
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument(
        "--static-root", default=str(Path(tempfile.gettempdir()) / "otop-bench-static")
    )
    parser.add_argument(
        "--explain",
        default="",
        help="page names whose slowest statements' plans go to stderr (PostgreSQL)",
    )
    parser.add_argument("--json", help=argparse.SUPPRESS)  # a child's answer
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (apt-get install wrk)")

    if args.json:  # a child: one database
        database = args.database[0] if args.database else None
        Path(args.json).write_text(json.dumps(measure_database(args, database)))
        return
    databases = args.database or [os.environ.get("DATABASE_URL")]
    if args.build:
        build(args, databases[-1])
    all_measured = []
    for database in databases:
        with tempfile.NamedTemporaryFile(suffix=".json") as answer:
            child = [sys.executable, __file__, *sys.argv[1:], "--json", answer.name]
            child = _without_option(_without_option(child, "--build"), "--database")
            if database:
                child += ["--database", database]
            subprocess.run(child, check=True)
            measured = json.loads(Path(answer.name).read_text())
        for results in measured["modes"].values():  # JSON keys are strings
            for name, by_c in results.items():
                results[name] = {int(c): figures for c, figures in by_c.items()}
        all_measured.append(measured)
    for measured in all_measured:
        before = ", ".join(f"{n:.1f}" for n in measured["load_before"])
        after = ", ".join(f"{n:.1f}" for n in measured["load_after"])
        print(f"\n## {measured['label']}: {measured['pages']}")
        print(
            f"{args.repeats} rounds of {args.seconds} s; load average {before} "
            f"before, {after} after"
        )
        for mode in measured["modes"]:
            print_table(mode, measured)
    print_comparison(all_measured)


def _without_option(argv: list[str], name: str) -> list[str]:
    """argv less every `name VALUE` and `name=VALUE`."""
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == name:
            skip = True
        elif not arg.startswith(name + "="):
            kept.append(arg)
    return kept


if __name__ == "__main__":
    main()
