"""python benchmarks/pages.py: storefront pages under load, beside a floor, in one run.

Starts gunicorn (production settings, 2 sync workers) on a database of its own with
`benchmarks/floor_wsgi.py`, whose `/floor/` is a bare Django view returning 30 KB
behind the same middleware, and prints for every page: req/s at each concurrency,
the app's CPU ms per request (from /proc of the gunicorn workers), p50/p95/p99
latency, req/s as a ratio to the floor's at the same concurrency, and SQL statements
(for a rendered page, and for one the page cache answers). Load comes from `wrk`.

    createdb h10_demo && export DATABASE_URL=postgres://postgres@127.0.0.1:5432/h10_demo
    python manage.py migrate && python manage.py load_geography && python manage.py load_demo
    CACHE_URL=redis://127.0.0.1:6379/2 python benchmarks/pages.py --port 8101

`--modes cached,uncached,buyer` runs the server three times: with the page cache,
without it (PAGE_CACHE_SECONDS=0: every page rendered, a cold cache), and as the demo
buyer signed in with a product in the basket (pages rendered for them). Every figure is
the median of `--repeats` rounds (3), each round measuring the floor and every page one
after the other; a ratio to the floor is the median of each round's own ratio. The
machine may be shared: read the ratios to the floor, measured in the same run.
"""

from __future__ import annotations

import argparse
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


def environment(args) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=env.get("SECRET_KEY", "benchmark-" + secrets.token_hex(16)),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        STATIC_ROOT=args.static_root,
        LOG_LEVEL="ERROR",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback (production redirects)
    )
    if args.database:
        env["DATABASE_URL"] = args.database
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


def count_queries(
    pages: dict[str, str], buyer=None
) -> dict[str, tuple[int, int | None]]:
    """(SQL of a rendered page, SQL when the page cache answers) per page; for a
    signed-in buyer, (SQL of their page, None)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    def measure(url: str, post: bool) -> int:
        if buyer is not None:
            if post:
                data = {"quantity": "1"}
                headers = {
                    "sec-fetch-site": "same-origin",
                    "origin": "http://127.0.0.1",
                }
                with CaptureQueriesContext(connection) as queries:
                    buyer.post(url, data, headers=headers)
                return len(queries)
            buyer.get(url)
            with CaptureQueriesContext(connection) as queries:
                buyer.get(url)
            return len(queries)
        client = Client(HTTP_HOST="127.0.0.1")
        if post:
            client.cookies["csrftoken"] = CSRF_SECRET
            data = {"quantity": "1", "csrfmiddlewaretoken": CSRF_SECRET}
            headers = {"sec-fetch-site": "same-origin", "origin": "http://127.0.0.1"}
            client.post(url, data, headers=headers)
            client = Client(HTTP_HOST="127.0.0.1")
            client.cookies["csrftoken"] = CSRF_SECRET
            with CaptureQueriesContext(connection) as queries:
                client.post(url, data, headers=headers)
            return len(queries)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    counts = {}
    has_page_cache = hasattr(settings, "PAGE_CACHE_SECONDS")
    for name, url in pages.items():
        post = "POST" in name
        with override_settings(PAGE_CACHE_SECONDS=0):
            rendered = measure(url, post)
        hit = (
            measure(url, post)
            if has_page_cache and not post and buyer is None
            else None
        )
        counts[name] = (rendered, hit)
    return counts


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
        results[(name, c)] = figures
    return results


def print_table(mode: str, pages, results, counts, connections) -> None:
    print(f"\n## {mode}")
    head = " | ".join(f"c={c} req/s" for c in connections)
    print(
        f"| page | {head} | CPU ms/req (c=8) | p50/p95/p99 ms (c=8) | "
        "ratio to floor (c=8) | errors (c=32) | SQL rendered / cached |"
    )
    print("|---" * (len(connections) + 7) + "|")
    mid = 8 if 8 in connections else connections[0]
    top = connections[-1]
    for name in pages:
        row = results[(name, mid)]
        rendered, hit = counts.get(name, (None, None))
        sql = "" if name == "floor" else f"{rendered} / {'' if hit is None else hit}"
        rates = " | ".join(f"{results[(name, c)]['rps']:.1f}" for c in connections)
        ratio = row["ratio"]
        shown = f"{ratio:.2f}x" if ratio >= 1 else f"1/{1 / ratio:.1f}"
        print(
            f"| {name} | {rates} | {row['cpu_ms']:.2f} | "
            f"{row['p50']:.1f} / {row['p95']:.1f} / {row['p99']:.1f} | "
            f"{shown} | "
            f"{results[(name, top)]['errors']} | {sql} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", help="DATABASE_URL (default: the environment)")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument(
        "--connections",
        type=lambda s: [int(c) for c in s.split(",")],
        default=[1, 8, 32],
    )
    parser.add_argument("--repeats", type=int, default=3, help="rounds (medians)")
    parser.add_argument("--modes", default="cached,uncached,buyer")
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument(
        "--static-root", default=str(Path(tempfile.gettempdir()) / "otop-bench-static")
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (apt-get install wrk)")

    env = environment(args)
    setup_django(env)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    pages = discover_pages()
    if args.pages:
        wanted = {"floor", *args.pages.split(",")}
        pages = {k: v for k, v in pages.items() if k in wanted}
    from django.urls import resolve

    basket = pages.get("basket add (POST)")
    if basket and resolve(basket).url_name != "basket-add-from-page":
        # Before the page cache: Oscar's own view, with the token.
        pages["basket add (POST)"] = basket.replace("add-from-page", "add")
    modes = args.modes.split(",")
    counts = count_queries(pages)
    buyer_counts, cookie = {}, ""
    if "buyer" in modes:
        client, cookie = signed_in_buyer(pages)
        buyer_counts = count_queries(pages, client)
    from django.core.cache import cache

    cache.clear()

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(LUA)
    print(f"pages: {pages}")
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"{args.repeats} rounds of {args.seconds} s; load average {load}")
    for mode in modes:
        buyer = mode == "buyer"
        results = measure_mode(
            args, env, pages, mode, lua.name, cookie if buyer else ""
        )
        print_table(
            mode, pages, results, buyer_counts if buyer else counts, args.connections
        )
    os.unlink(lua.name)


if __name__ == "__main__":
    main()
