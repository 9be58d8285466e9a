"""Valid HTML on every page type, in Thai and English: the Nu Html Checker (Java's
vnu.jar, from its npm package) reads a sample of each kind of storefront page, as
the visitor gets it, and finds no error.

The pages come from the language crawl's small shop (tests/i18n/world.py) plus what
that shop lacks: certificate badges, a producer's statement, every checkout step.
vnu starts once for all of them (Java's start-up is most of its time).

vnu.jar is installed by `python3 site/dev.py test` when npm is there (see dev.py).
Without it (or without Java) the test skips, unless OTOP_REQUIRE_VNU is set (CI),
where it fails. Every message (warnings too) goes to artifacts/vnu.txt.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

from django.db import transaction
from django.test import Client
from django.utils import timezone, translation

import pytest

from catalogue.certificates import Certificate
from catalogue.models import Category, Product
from shop.order.shipments import ProducerShipment
from tests.checkout.shop import ADDRESS, fill_basket
from tests.i18n.world import UNTRANSLATED_VILLAGE, build_world
from tests.villages.test_search_engine_data import json_ld
from villages.models import FairPage, KboNetworkPage, VillagePage

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
VNU_JAR = Path(
    os.environ.get(
        "OTOP_VNU_JAR", ROOT / ".tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
    )
)


def vnu_command() -> list[str]:
    java = shutil.which("java")
    missing = None if java else "no java on PATH"
    if not VNU_JAR.exists():
        missing = f"no vnu.jar at {VNU_JAR} (python3 site/dev.py test installs it)"
    if missing:
        if os.environ.get("OTOP_REQUIRE_VNU"):
            pytest.fail(f"OTOP_REQUIRE_VNU is set but {missing}")
        pytest.skip(missing)
    return [java, "-Xss1m", "-jar", str(VNU_JAR)]


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """{name: html} of every sampled page, in both languages (built once, rolled
    back at the end)."""
    with django_db_blocker.unblock(), translation.override("th"):
        with transaction.atomic():
            yield collect_pages()
            transaction.set_rollback(True)


def collect_pages() -> dict[str, str]:
    world = build_world()

    silk = Product.objects.get(upc="SILK-1")
    shawl = Product.objects.get(upc="SILK-2")  # sold out
    chili = Product.objects.get(upc="CHILI-1")
    weavers = silk.producer
    expires = timezone.localdate() + timedelta(days=400)
    for kind, number, product in (
        ("community", "มผช. 12/2567", silk),
        ("fda", "50-2-01365-2-0001", silk),
        ("gmp", "GMP-5001", None),
    ):
        Certificate.objects.create(
            producer=weavers,
            product=product,
            kind=kind,
            number=number,
            expires_on=expires,
            status=Certificate.Status.VERIFIED,
        )
    parcel = ProducerShipment.objects.filter(partner=weavers.partner).first()
    ProducerShipment.objects.filter(pk=parcel.pk).update(
        status=ProducerShipment.Status.DELIVERED, delivered_at=timezone.now()
    )
    textiles = Category.objects.get(slug="textiles")
    html: dict[str, str] = {}

    def keep(name: str, client: Client, url: str, status: int = 200) -> None:
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        assert "text/html" in response["Content-Type"], url
        html[name] = response.content.decode()

    for language in ("th", "en"):
        with translation.override(language):
            public = {
                "home": f"/{language}/",
                "catalogue": f"/{language}/catalogue/",
                "category": textiles.get_absolute_url(),
                "category-faceted": textiles.get_absolute_url() + "?stars=5",
                "catalogue-faceted": f"/{language}/catalogue/?certificate=community",
                "product-certified": silk.get_absolute_url(),
                "product-sold-out": shawl.get_absolute_url(),
                "reviews": silk.get_absolute_url() + "reviews/",
                "search": f"/{language}/search/?q=ผ้าไหม",
                "search-empty": f"/{language}/search/?q=zzzzqqq",
                "village": VillagePage.objects.exclude(title=UNTRANSLATED_VILLAGE)
                .get(locale__language_code="th")
                .localized.url,
                # A page nobody translated: /en/ shows it in Thai (villages.page_urls).
                "village-untranslated": f"/{language}/villages/{UNTRANSLATED_VILLAGE}/",
                "kbo": KboNetworkPage.objects.get(
                    locale__language_code="th"
                ).localized.url,
                "fair": FairPage.objects.get(locale__language_code="th").localized.url,
                "fair-index": FairPage.objects.get(locale__language_code="th")
                .localized.get_parent()
                .url,
                "producer": f"/{language}/producers/{weavers.registration_number}/",
                "places": f"/{language}/places/",
                "province": f"/{language}/places/province/{weavers.tambon.district.province_id}/",
                "tambon": f"/{language}/places/tambon/{weavers.tambon.code}/",
                "open-data": f"/{language}/open-data/",
                "login": f"/{language}/accounts/login/",
                "register": f"/{language}/accounts/register/",
                "password-reset": f"/{language}/password-reset/",
                "basket-empty": f"/{language}/basket/",
            }
        anonymous = Client()
        for name, url in public.items():
            keep(f"{language}-{name}", anonymous, url)
        keep(f"{language}-not-found", anonymous, f"/{language}/no-such-page/", 404)

        # A guest with a basket, through every checkout step.
        guest = Client()
        fill_basket(guest, (silk, 1), (chili, 2), language=language)
        prefix = f"/{language}"
        keep(f"{language}-basket", guest, f"{prefix}/basket/")
        keep(f"{language}-checkout-gateway", guest, f"{prefix}/checkout/")
        guest.post(
            f"{prefix}/checkout/",
            {"username": "somsri@example.com", "options": "anonymous"},
        )
        keep(
            f"{language}-checkout-address",
            guest,
            f"{prefix}/checkout/shipping-address/",
        )
        guest.post(f"{prefix}/checkout/shipping-address/", ADDRESS)
        # One shipping method: its step chooses it and goes on to payment.
        assert guest.get(f"{prefix}/checkout/shipping-method/").status_code == 302
        keep(
            f"{language}-checkout-payment", guest, f"{prefix}/checkout/payment-method/"
        )
        guest.post(f"{prefix}/checkout/payment-method/", {"method": "cash-on-delivery"})
        keep(f"{language}-checkout-preview", guest, f"{prefix}/checkout/preview/")
        response = guest.post(f"{prefix}/checkout/preview/", {"action": "place_order"})
        assert response.status_code == 302, response
        keep(f"{language}-checkout-thank-you", guest, response["Location"])

        buyer = world.client("buyer")
        for name, path in (
            ("account", "accounts/profile/"),
            ("account-edit", "accounts/profile/edit/"),
            ("orders", "accounts/orders/"),
            ("addresses", "accounts/addresses/"),
            ("address-add", "accounts/addresses/add/"),
            ("alerts", "accounts/alerts/"),
            ("wishlists", "accounts/wishlists/"),
            ("change-password", "accounts/change-password/"),
            ("application", "producers/application/"),
        ):
            keep(f"{language}-{name}", buyer, f"/{language}/{path}")
        order = buyer.get(f"/{language}/accounts/orders/")
        number = re.search(r"/accounts/orders/(\d+)/", order.content.decode())
        keep(f"{language}-order", buyer, f"/{language}/accounts/orders/{number[1]}/")

        producer = world.client("producer")
        keep(f"{language}-shipments", producer, f"/{language}/producer/shipments/")
        keep(f"{language}-statements", producer, f"/{language}/producer/statements/")
        month = timezone.localdate().strftime("%Y-%m")
        keep(
            f"{language}-statement",
            producer,
            f"/{language}/producer/statements/{month}/",
        )
    return html


def run_vnu(folder: Path) -> list[dict]:
    files = sorted(str(p) for p in folder.glob("*.html"))
    result = subprocess.run(
        [*vnu_command(), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu writes its JSON report to stderr.
    report = json.loads(result.stderr or result.stdout)
    return report["messages"]


def describe(messages: list[dict], folder: Path) -> str:
    lines = []
    counts = Counter((m["type"], m.get("subType", ""), m["message"]) for m in messages)
    lines.append(f"{len(messages)} messages over the pages in {folder}")
    for (kind, sub, text), n in counts.most_common():
        lines.append(f"{n:5d}  {kind}{'/' + sub if sub else ''}: {text}")
    lines.append("")
    for m in messages:
        page = Path(m.get("url", "")).name
        lines.append(
            f"{page}:{m.get('lastLine', '?')}: {m['type']}{'/' + m.get('subType', '') if m.get('subType') else ''}: "
            f"{m['message']}  «{(m.get('extract') or '').strip()[:120]}»"
        )
    return "\n".join(lines) + "\n"


def test_every_page_type_is_valid_html_in_both_languages(pages, db):
    command = vnu_command()  # skip (or fail) before anything else
    assert command
    languages = Counter(name.split("-", 1)[0] for name in pages)
    assert languages["th"] == languages["en"] >= 40, languages
    # The pages stay in artifacts/vnu-pages/, to look into one that fails.
    folder = ARTIFACTS / "vnu-pages"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, html in pages.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")

    messages = run_vnu(folder)
    (ARTIFACTS / "vnu.txt").write_text(describe(messages, folder), encoding="utf-8")

    checked = {Path(m["url"]).name for m in messages if "url" in m}
    assert checked <= {f"{name}.html" for name in pages}
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert not errors, describe(errors, folder)


def test_the_checker_finds_what_it_should(tmp_path):
    """The checker is wired up right: a duplicate id and a heading in a table header,
    the two errors the issue reported, are found."""
    command = vnu_command()
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="th"><head><title>x</title></head><body>'
        '<input id="id_quantity"><input id="id_quantity">'
        "<table><tr><th><h3>x</h3></th></tr></table></body></html>",
        encoding="utf-8",
    )
    assert command
    messages = run_vnu(tmp_path)
    errors = [m["message"] for m in messages if m["type"] == "error"]
    assert any("Duplicate ID" in e for e in errors), errors
    assert any("h3" in e for e in errors), errors


class Trail(HTMLParser):
    """The items (text) of the breadcrumb trail a page shows: ours (nav.breadcrumbs)
    or Oscar's (ol.breadcrumb)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self._open = self._item = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if (
            tag == "nav"
            and "breadcrumbs" in classes
            or (tag == "ol" and "breadcrumb" in classes)
        ):
            self._open += 1
        elif tag == "li" and self._open:
            self._item += 1
            if self._item == 1:
                self.items.append("")

    def handle_endtag(self, tag):
        if tag == "li" and self._item:
            self._item -= 1
        elif tag in ("nav", "ol") and self._open and not self._item:
            self._open -= 1

    def handle_data(self, data):
        if self._item:
            self.items[-1] += data

    @classmethod
    def of(cls, html: str) -> list[str]:
        trail = cls()
        trail.feed(html)
        return [" ".join(item.split()) for item in trail.items]


def test_every_trail_shown_has_its_breadcrumb_list(pages, db):
    """Wherever a page shows breadcrumbs (account pages' Oscar trails included), its
    BreadcrumbList JSON-LD is that trail, starting at the home page."""
    with_trail = 0
    for name, html in pages.items():
        shown = Trail.of(html)
        trails = [d for d in json_ld(html) if d.get("@type") == "BreadcrumbList"]
        if not shown:
            assert not trails, name
            continue
        with_trail += 1
        assert len(trails) == 1, name
        items = trails[0]["itemListElement"]
        assert [item["name"] for item in items] == shown, name
        language = name.split("-", 1)[0]
        assert items[0]["item"] == f"http://testserver/{language}/", name
    # Only the home page, the checkout steps (their own step list) and a few others
    # show none.
    assert with_trail >= 60, with_trail
