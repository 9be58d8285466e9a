"""python benchmarks/soak.py: a mixed soak of the whole shop; prints every error by
status, and whether stock, allocations, orders and parcels still agree afterwards.

It makes a database of its own (PostgreSQL: `--database postgres://…/h11_soak`, made
fresh; SQLite: a file in a temporary folder), migrates it and loads a small real shop
(three provinces' geography, six producers, 24 rated products, six of them scarce (6 units) so
that buyers race for the last units; buyers and producers' members with passwords),
starts a fake Stripe API on `--port + 50` and the server on `--port` (gunicorn, or
`manage.py runserver`) with benchmarks/soak_settings.py, then runs `--users` virtual
users for `--seconds`. Each picks, again and again, one of:

  browse (home, catalogue, a category, a product), search, basket add / update /
  remove, a guest's cash-on-delivery checkout, a Stripe checkout (up to the redirect,
  then Stripe's signed webhook: paid, expired, or the same event twice, or nothing),
  a buyer's login (account, orders, logout), and, for producers' members, a login to
  the dashboard and an edit of one of their products' price and stock.

A 409 when the last unit was just sold, a form error, a 429 are answers; a 5xx or a
dropped connection is an error. Then, with the server stopped, the consistency check:
for every stock record, allocated = the units of its lines in orders that hold stock
(pending payment, processing, payment review), 0 <= allocated <= in stock; every order
has one parcel per producer of its lines; every Stripe order whose "paid" webhook was
accepted is paid; every one whose "expired" webhook was accepted is cancelled.

    python benchmarks/soak.py --database postgres://postgres@127.0.0.1:5432/h11_soak \\
        --server gunicorn --users 16 --seconds 300 --port 41100
    python benchmarks/soak.py --server runserver --users 4 --seconds 300   # SQLite

Run it under `nice`: the machine may be shared. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "otop-soak-2026"
SCARCE_STOCK = 6  # a few orders sell these out: buyers race for the last units
PLENTY = 100_000
ADDRESS = {
    "first_name": "สมศรี",
    "last_name": "ใจดี",
    "phone_number": "081 234 5678",
    "line1": "99/1 ถนนหน้าพระลาน",
    "province": "10",
    "district": "1001",
    "tambon": "100101",
    "postcode": "10200",
    "notes": "",
    "action": "continue",
}
SEARCHES = ["ผ้าไหม", "น้ำพริก", "silk", "ผ้า", "ตะกร้า", "เชียงใหม่", "zzz", "ผ"]


# --- the shop ----------------------------------------------------------------------

PRODUCERS = [
    ("OTOP-50-900001", "กลุ่มทอผ้าไหมบ้านดอน", "เชียงใหม่", "สันกำแพง", "ออนใต้"),
    ("OTOP-50-900002", "กลุ่มจักสานบ้านป่า", "เชียงใหม่", "สันกำแพง", "สันกำแพง"),
    ("OTOP-34-900003", "แม่บุญมีน้ำพริก", "อุบลราชธานี", "วารินชำราบ", "ธาตุ"),
    ("OTOP-34-900004", "กลุ่มผ้าฝ้ายบ้านโนน", "อุบลราชธานี", "วารินชำราบ", "ธาตุ"),
    ("OTOP-10-900005", "ร้านขนมไทยพระนคร", "กรุงเทพมหานคร", "พระนคร", "พระบรมมหาราชวัง"),
    ("OTOP-10-900006", "กลุ่มเครื่องเบญจรงค์", "กรุงเทพมหานคร", "พระนคร", "พระบรมมหาราชวัง"),
]
KINDS = [("ผ้าไหม", "textiles"), ("ตะกร้า", "textiles"), ("น้ำพริก", "food"),
         ("ผ้าฝ้าย", "textiles")]  # fmt: skip


def build_shop(out: Path) -> None:
    """In the server's settings: migrate, then the shop (run as a child process)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from catalogue.models import Product
    from catalogue.producers.membership import join_producer
    from catalogue.register import Producer
    from catalogue.registry_import import import_opc, import_register
    from tests.factories.geography import (
        BANGKOK,
        CHIANG_MAI,
        UBON_RATCHATHANI,
        load_provinces,
    )

    load_provinces(CHIANG_MAI, UBON_RATCHATHANI, BANGKOK)
    rows = [
        (
            n + 2,
            {
                "registration_number": number,
                "producer_type": "community_group",
                "producer_name": name,
                "producer_name_en": f"Soak producer {n + 1}",
                "province": province,
                "district": district,
                "tambon": tambon,
                "email": f"producer{n + 1}@soak.example",
                "status": "active",
            },
        )
        for n, (number, name, province, district, tambon) in enumerate(PRODUCERS)
    ]
    report = import_register(rows)
    assert not report.rejected, report.rejected
    opc = []
    for n in range(24):
        number = PRODUCERS[n % len(PRODUCERS)][0]
        word, category = KINDS[n % len(KINDS)]
        opc.append(
            (
                n + 2,
                {
                    "product_code": f"SOAK-{n + 1:03d}",
                    "product": f"{word}ทดสอบ {n + 1}",
                    "product_en": f"Soak {category} {n + 1}",
                    "producer": number,
                    "province": PRODUCERS[n % len(PRODUCERS)][2],
                    "category": category,
                    "stars": str(3 + n % 3),
                    "year": "2567",
                    "price": str(90 + 37 * n),
                    "stock": str(SCARCE_STOCK if n % 4 == 0 else PLENTY),
                },
            )
        )
    report = import_opc(opc, report)
    assert not report.rejected, report.rejected
    User = get_user_model()
    buyers = []
    for n in range(12):
        email = f"buyer{n + 1}@soak.example"
        User.objects.create_user(username=email, email=email, password=PASSWORD)
        buyers.append(email)
    members = {}
    for n, (number, *_rest) in enumerate(PRODUCERS[:4]):
        email = f"member{n + 1}@soak.example"
        user = User.objects.create_user(username=email, email=email, password=PASSWORD)
        producer = Producer.objects.get(registration_number=number)
        join_producer(user, producer)
        members[email] = list(
            Product.objects.filter(producer=producer).values_list("pk", flat=True)
        )
    products = list(Product.objects.values_list("pk", flat=True))
    out.write_text(
        json.dumps({"products": products, "buyers": buyers, "members": members})
    )


def check(out: Path, accepted: dict) -> None:
    """In the server's settings, once it has stopped: do the books still agree?"""
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.db.models import Sum

    from oscar.core.loading import get_model

    from shop.order import statuses
    from shop.payment.stripe_models import StripeCheckout

    StockRecord = get_model("partner", "StockRecord")
    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    holding = [statuses.PENDING_PAYMENT, statuses.PROCESSING, statuses.PAYMENT_REVIEW]
    problems: list[str] = []
    records = list(StockRecord.objects.all())
    for record in records:
        held = (
            Line.objects.filter(
                stockrecord=record, order__status__in=holding
            ).aggregate(n=Sum("quantity"))["n"]
            or 0
        )
        allocated = record.num_allocated or 0
        if allocated != held:
            problems.append(
                f"stock record {record.pk}: allocated {allocated} != {held} in orders"
            )
        if record.num_in_stock < 0 or allocated < 0 or allocated > record.num_in_stock:
            problems.append(
                f"stock record {record.pk}: in stock {record.num_in_stock}, allocated {allocated}"
            )
    orders = list(Order.objects.prefetch_related("lines", "shipments"))
    for order in orders:
        partners = sorted({line.partner_id for line in order.lines.all()})
        parcels = sorted(s.partner_id for s in order.shipments.all())
        if partners != parcels:
            problems.append(
                f"order {order.number}: producers {partners} but parcels {parcels}"
            )
    sessions = {c.session_id: c for c in StripeCheckout.objects.select_related("order")}
    for session_id in accepted.get("paid", []):
        order = sessions[session_id].order
        if order.status not in (statuses.PROCESSING, statuses.PAYMENT_REVIEW):
            problems.append(f"order {order.number}: paid at Stripe, but {order.status}")
    for session_id in accepted.get("expired", []):
        order = sessions[session_id].order
        if order.status != statuses.CANCELLED:
            problems.append(
                f"order {order.number}: expired at Stripe, but {order.status}"
            )
    by_status = collections.Counter(o.status for o in orders)
    out.write_text(
        json.dumps(
            {
                "stock_records": len(records),
                "orders": len(orders),
                "orders_by_status": by_status,
                "stripe_orders": len(sessions),
                "problems": problems,
            }
        )
    )


# --- the fake Stripe API (Stripe's answers from tests/payment/fake_stripe.py) ---------


def start_fake_stripe(port: int):
    sys.path[:0] = [str(ROOT)]
    from tests.payment.fake_stripe import FakeStripe

    fake = FakeStripe()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else None
            text, status, headers = fake.request(
                self.command.lower(),
                f"http://127.0.0.1:{port}{self.path}",
                dict(self.headers),
                body,
            )
            data = text.encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_DELETE = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake, server


# --- forms in pages ----------------------------------------------------------------


class Forms(HTMLParser):
    """Every form of a page with what a browser would send (no files)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"attrs": a, "fields": [], "buttons": []}
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image", "button"):
                self._form["buttons"].append((name, a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"].append((name, a.get("value", "on")))
            elif kind != "file":
                self._form["fields"].append((name, a.get("value", "")))
        elif tag == "button" and name:
            self._form["buttons"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = {"name": name, "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"].append(value)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            values = self._select["chosen"] or (
                [self._select["first"]] if self._select["first"] is not None else []
            )
            for value in values:
                self._form["fields"].append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form["fields"].append(tuple(self._textarea))
            self._textarea = None


def forms_of(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def form_with(html: str, field: str | None = None, form_id: str | None = None):
    for form in forms_of(html):
        if form_id and form["attrs"].get("id") == form_id:
            return form
        if field and any(name == field for name, _ in form["fields"]):
            return form
    return None


# --- the virtual users ---------------------------------------------------------------


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.status = collections.Counter()
        self.by_action = collections.defaultdict(collections.Counter)
        self.errors: list[str] = []
        self.accepted = {"paid": [], "expired": []}

    def record(self, action: str, method: str, path: str, status: int, body=""):
        with self.lock:
            self.status[status] += 1
            self.by_action[action][status] += 1
            if status >= 500 or status == 0:
                shown = re.sub(r"\s+", " ", body)[:160]
                self.errors.append(f"{status} {method} {path} [{action}] {shown}")


class User:
    def __init__(self, n: int, base: str, shop: dict, fake, tally: Tally, member=None):
        import requests

        self.n = n
        self.base = base
        self.shop = shop
        self.fake = fake
        self.tally = tally
        self.member = member
        self.random = random.Random(n)
        self.http = requests.Session()
        self.action = "start"

    # HTTP, counted
    def request(self, method: str, path: str, expect=None, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        url = path if path.startswith("http") else self.base + path
        try:
            response = self.http.request(method, url, **kwargs)
        except Exception as error:  # a dropped connection, a timeout
            self.tally.record(self.action, method, path, 0, repr(error))
            return None
        shown = response.text if response.status_code >= 500 else ""
        self.tally.record(
            self.action, method, re.sub(r"\d+", "N", path), response.status_code, shown
        )
        return response

    def get(self, path, **kw):
        response = self.request("GET", path, **kw)
        # Follow redirects within the shop (counted each).
        hops = 0
        while response is not None and response.is_redirect and hops < 5:
            location = response.headers["Location"]
            if not location.startswith(("/", self.base)):
                break
            response = self.request("GET", location.replace(self.base, ""))
            hops += 1
        return response

    def post(self, path, data, follow=True, **kw):
        response = self.request("POST", path, data=data, **kw)
        if follow and response is not None and response.is_redirect:
            location = response.headers["Location"]
            if location.startswith(("/", self.base)):
                return self.get(location.replace(self.base, ""))
        return response

    def submit(self, path: str, form: dict, changes: dict, button=None, follow=True):
        fields = [(k, v) for k, v in form["fields"] if k not in changes]
        fields += [(k, v) for k, v in changes.items() if v is not None]
        if button:
            fields.append(button)
        action = form["attrs"].get("action") or path
        if action.startswith("?"):
            action = path.split("?")[0] + action
        return self.post(action, fields, follow=follow)

    # What users do
    def product(self) -> int:
        return self.random.choice(self.shop["products"])

    def browse(self):
        for path in ("/th/", "/th/catalogue/", "/en/catalogue/"):
            self.get(path)
        page = self.get("/th/catalogue/")
        if page is not None:
            links = re.findall(r'href="(/th/catalogue/category/[^"]+)"', page.text)
            if links:
                self.get(self.random.choice(links))
            products = re.findall(r'href="(/th/catalogue/[^"/]+_\d+/)"', page.text)
            if products:
                self.get(self.random.choice(products))

    def search(self):
        self.get(f"/th/search/?q={self.random.choice(SEARCHES)}")

    def add_to_basket(self, pk=None, quantity=None):
        pk = pk or self.product()
        page = self.get(f"/th/catalogue/x_{pk}/")
        if page is None or page.status_code != 200:
            return
        form = form_with(page.text, form_id="add_to_basket_form")
        if form is None:
            return  # sold out: no form
        quantity = quantity or self.random.choice([1, 1, 1, 2, 3])
        # As a browser posts from a cached page (which carries no CSRF token).
        fields = [(k, v) for k, v in form["fields"] if k != "quantity"]
        self.post(
            form["attrs"]["action"],
            [*fields, ("quantity", str(quantity))],
            headers={"Sec-Fetch-Site": "same-origin", "Origin": self.base},
        )

    def basket_change(self, remove=False):
        page = self.get("/th/basket/")
        if page is None or page.status_code != 200:
            return
        form = form_with(page.text, form_id="basket_formset")
        if form is None:
            return
        lines = sorted(
            {k.rsplit("-", 1)[0] for k, _ in form["fields"] if k.endswith("-quantity")}
        )
        if not lines:
            return
        line = self.random.choice(lines)
        changes = (
            {f"{line}-DELETE": "on"}
            if remove
            else {f"{line}-quantity": str(self.random.choice([1, 2, 4]))}
        )
        self.submit("/th/basket/", form, changes)

    def checkout(self, method: str, signed_in=False):
        for _ in range(self.random.choice([1, 2])):
            self.add_to_basket()
        page = self.get("/th/checkout/")
        if page is None:
            return None
        if "/shipping-address/" not in page.url:
            form = form_with(page.text, field="username")
            if form is None:
                return None
            page = self.submit(
                "/th/checkout/",
                form,
                {
                    "username": f"guest{self.n}@soak.example",
                    "options": "anonymous",
                    "password": None,
                },
            )
            if page is None or "/shipping-address/" not in page.url:
                return None
        form = form_with(page.text, field="line1")
        if form is None:
            return None
        page = self.submit("/th/checkout/shipping-address/", form, ADDRESS)
        if page is None or "/payment-method/" not in page.url:
            return None
        form = form_with(page.text, field="method") or form_with(
            page.text, form_id="payment_method_form"
        )
        if form is None:
            return None
        page = self.submit("/th/checkout/payment-method/", form, {"method": method})
        if page is None or "/preview/" not in page.url:
            return None
        form = form_with(page.text, field="action")
        if form is None:
            return None
        # Sometimes the buyer presses "place order" twice.
        placed = self.submit(
            "/th/checkout/preview/", form, {"action": "place_order"}, follow=False
        )
        if self.random.random() < 0.1:
            self.submit(
                "/th/checkout/preview/", form, {"action": "place_order"}, follow=False
            )
        if placed is None or not placed.is_redirect:
            return None
        location = placed.headers["Location"]
        if location.startswith("/"):
            self.get(location)
        return location

    def cash_on_delivery(self):
        self.checkout("cash-on-delivery")

    def stripe(self):
        from tests.payment.fake_stripe import event_payload, sign

        location = self.checkout("stripe")
        match = re.search(r"/c/pay/(cs_test_\w+)", location or "")
        if not match:
            return
        session_id = match.group(1)
        roll = self.random.random()
        if roll < 0.15:
            return  # the buyer walks away: the order waits for reconciliation
        if roll < 0.7:
            kind, session = "checkout.session.completed", self.fake.pay(session_id)
            accepted = "paid"
        else:
            kind, session = "checkout.session.expired", self.fake.expire(session_id)
            accepted = "expired"
        payload = event_payload(kind, session)
        for _ in range(2 if self.random.random() < 0.2 else 1):  # a retried delivery
            response = self.request(
                "POST",
                "/payments/stripe/webhook/",
                data=payload.encode(),
                headers={
                    "Stripe-Signature": sign(payload),
                    "Content-Type": "application/json",
                },
            )
            if response is not None and response.status_code == 200:
                with self.tally.lock:
                    if session_id not in self.tally.accepted[accepted]:
                        self.tally.accepted[accepted].append(session_id)
        if accepted == "paid" and self.random.random() < 0.2:
            # Out of order: an "expired" for a paid session changes nothing.
            late = event_payload("checkout.session.expired", {**session})
            self.request(
                "POST",
                "/payments/stripe/webhook/",
                data=late.encode(),
                headers={
                    "Stripe-Signature": sign(late),
                    "Content-Type": "application/json",
                },
            )

    def log_in(self, path: str, email: str, fields: tuple[str, str], form_id: str):
        page = self.get(path)
        if page is None or page.status_code != 200:
            return False
        form = form_with(page.text, form_id=form_id)
        if form is None:
            return False
        button = ("login_submit", "Log In") if "accounts" in path else None
        page = self.submit(
            path, form, {fields[0]: email, fields[1]: PASSWORD}, button=button
        )
        return page is not None and page.status_code == 200

    def buyer_session(self):
        email = self.random.choice(self.shop["buyers"])
        if self.log_in(
            "/th/accounts/login/",
            email,
            ("login-username", "login-password"),
            "login_form",
        ):
            self.get("/th/accounts/")
            self.get("/th/accounts/orders/")
            self.add_to_basket()
            self.basket_change()
            if self.random.random() < 0.3:
                self.checkout("cash-on-delivery", signed_in=True)
        self.logout()

    def logout(self):
        self.get("/th/accounts/logout/")
        self.http.cookies.clear()

    def producer_edit(self):
        email, products = self.member
        if "sessionid" not in self.http.cookies:
            self.action = "producer login"
            if not self.log_in(
                "/th/dashboard/login/",
                email,
                ("username", "password"),
                "dashboard_login_form",
            ):
                return
        self.action = "producer edit"
        self.get("/th/dashboard/catalogue/")
        pk = self.random.choice(products)
        path = f"/th/dashboard/catalogue/products/{pk}/"
        page = self.get(path)
        if page is None or page.status_code != 200:
            return
        form = form_with(page.text, form_id="create_update_product_form")
        if form is None:
            return
        fields = dict(form["fields"])
        changes = {}
        if "stockrecords-0-price" in fields:
            changes["stockrecords-0-price"] = f"{self.random.randint(80, 2000)}.00"
        if "stockrecords-0-num_in_stock" in fields:
            current = int(fields["stockrecords-0-num_in_stock"] or 0)
            changes["stockrecords-0-num_in_stock"] = str(
                max(0, current + self.random.randint(-3, 10))
            )
        buttons = [b for b in form["buttons"] if b[0] == "action"]
        self.submit(path, form, changes, button=buttons[0] if buttons else None)

    def run(self, deadline: float):
        choices = [
            (self.browse, 30),
            (self.search, 10),
            (self.add_to_basket, 10),
            (lambda: self.basket_change(remove=False), 5),
            (lambda: self.basket_change(remove=True), 5),
            (self.cash_on_delivery, 15),
            (self.stripe, 15),
            (self.buyer_session, 10),
        ]
        names = ["browse", "search", "basket add", "basket update", "basket remove",
                 "cash on delivery", "stripe", "buyer login"]  # fmt: skip
        while time.time() < deadline:
            if self.member and self.random.random() < 0.6:
                self.producer_edit()
                continue
            index = self.random.choices(range(len(choices)), [w for _, w in choices])[0]
            self.action = names[index]
            try:
                choices[index][0]()
            except Exception as error:  # a bug of the soak itself: say so, go on
                self.tally.record(self.action, "-", "(soak client)", 0, repr(error))
            if self.random.random() < 0.15:  # a new visitor in this seat
                self.http.cookies.clear()


# --- the run -------------------------------------------------------------------------


def child(mode: str, env: dict, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, __file__, mode, *args], env=env, cwd=ROOT, timeout=1800
    )
    if result.returncode:
        sys.exit(f"{mode} failed ({result.returncode})")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("_build", "_check"):
        mode, out = sys.argv[1], Path(sys.argv[2])
        if mode == "_build":
            build_shop(out)
        else:
            check(out, json.loads(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help="a PostgreSQL URL (made afresh); default SQLite"
    )
    parser.add_argument(
        "--server", choices=["gunicorn", "runserver"], default="gunicorn"
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=300)
    # Issue 11's ports: 41100-41199 (the fake Stripe API on --port + 50).
    parser.add_argument("--port", type=int, default=41100)
    parser.add_argument("--producers", type=int, default=2, help="members editing")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="otop-soak-"))
    env = dict(os.environ)
    stripe_port = args.port + 50
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.soak_settings",
        SOAK_STRIPE_URL=f"http://127.0.0.1:{stripe_port}",
        SECRET_KEY="soak-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        MEDIA_ROOT=str(work / "media"),
        LOG_LEVEL="ERROR",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'site'}",
    )
    if args.database:
        name = args.database.rsplit("/", 1)[1].split("?")[0]
        subprocess.run(
            ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", name],
            check=True,
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True
        )
        env["DATABASE_URL"] = args.database
        engine = "PostgreSQL"
    else:
        env["DATABASE_URL"] = f"sqlite:///{work / 'soak.sqlite3'}"
        env["SOAK_BASE"] = "dev"  # the embedded default: dev settings, DEBUG on
        engine = "SQLite"
    shop_file = work / "shop.json"
    started = time.time()
    child("_build", env, str(shop_file))
    shop = json.loads(shop_file.read_text())
    print(
        f"shop built in {time.time() - started:.0f} s: {len(shop['products'])} products"
    )

    fake, stripe_server = start_fake_stripe(stripe_port)
    log = open(work / "server.log", "w")
    if args.server == "gunicorn":
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "--bind", f"127.0.0.1:{args.port}",
            "--workers", str(args.workers),
            "--threads", str(args.threads),
            "--worker-class", "gthread",
            "--timeout", "120",
            "config.wsgi",
        ]  # fmt: skip
        server_desc = f"gunicorn {args.workers} workers x {args.threads} threads"
    else:
        command = [
            sys.executable, "manage.py", "runserver", f"127.0.0.1:{args.port}",
            "--noreload", "--skip-checks",
        ]  # fmt: skip
        server_desc = "runserver (threaded)"
    server = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    import requests

    for _ in range(120):
        try:
            requests.get(base + "/robots.txt", timeout=2)
            break
        except requests.RequestException:
            time.sleep(1)
    else:
        os.killpg(server.pid, signal.SIGTERM)
        sys.exit("the server did not start; see " + str(work / "server.log"))

    tally = Tally()
    members = list(shop["members"].items())[: args.producers]
    users = [
        User(
            n, base, shop, fake, tally, member=members[n] if n < len(members) else None
        )
        for n in range(args.users)
    ]
    deadline = time.time() + args.seconds
    threads = [threading.Thread(target=u.run, args=(deadline,)) for u in users]
    began = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - began
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=60)
    stripe_server.shutdown()
    log.close()

    result_file = work / "check.json"
    child("_check", env, str(result_file), json.dumps(tally.accepted))
    result = json.loads(result_file.read_text())

    total = sum(tally.status.values())
    print(
        f"\nsoak: {engine}, {server_desc}, {args.users} users "
        f"({len(members)} producers' members), {elapsed:.0f} s"
    )
    print(f"requests: {total} ({total / elapsed:.1f}/s)")
    print(
        "by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(tally.status.items()))
    )
    for action, counts in sorted(tally.by_action.items()):
        print(
            f"  {action:18} "
            + ", ".join(f"{s}: {n}" for s, n in sorted(counts.items()))
        )
    errors = tally.errors
    server_errors = sum(n for s, n in tally.status.items() if s >= 500)
    print(
        f"errors: {server_errors} x 5xx, {tally.status.get(0, 0)} dropped or client errors"
    )
    for line, count in collections.Counter(errors).most_common(20):
        print(f"  {count} x {line}")
    tracebacks = re.findall(
        r"^(\w+(?:\.\w+)*(?:Error|Exception|Violation)\b.*)$",
        (work / "server.log").read_text(errors="replace"),
        re.M,
    )
    for line, count in collections.Counter(tracebacks).most_common(10):
        print(f"  server log: {count} x {line[:200]}")
    print(
        f"consistency: {result['stock_records']} stock records, {result['orders']} orders "
        f"({', '.join(f'{k}: {v}' for k, v in sorted(result['orders_by_status'].items()))}), "
        f"{result['stripe_orders']} via Stripe; webhooks accepted: "
        f"{len(tally.accepted['paid'])} paid, {len(tally.accepted['expired'])} expired"
    )
    print(
        "consistency problems: "
        + (str(len(result["problems"])) if result["problems"] else "none")
        + " (stock = allocations, 0 <= allocated <= in stock, a parcel per producer,"
        " Stripe outcomes applied)"
    )
    for problem in result["problems"][:20]:
        print("  " + problem)
    print(f"(server log: {work / 'server.log'})")
    if server_errors or tally.status.get(0) or result["problems"]:
        sys.exit(1)
    shutil.rmtree(work / "media", ignore_errors=True)


if __name__ == "__main__":
    main()
