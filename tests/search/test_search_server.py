"""The Elasticsearch/OpenSearch path (SEARCH_URL), with the server faked at the
client's HTTP layer (elastic_transport's node): what the storefront sends — the
index settings and mapping of its pre-analysed texts, the documents, the OTOP rule
and facet filters, the facet aggregations — and that the results page shows what the
server answers, re-checked through the OTOP rule."""

from __future__ import annotations

import io
import json

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse

from shop.search.models import SearchDocument
from tests.factories import EligibleProductFactory, make_ineligible_product

pytestmark = pytest.mark.django_db


class FakeServer(BaseNode):
    """Answers like a search server; remembers every request. `hits` are the
    document pks a search returns, `buckets` a facet's {value: count}."""

    requests: list[tuple[str, str, object]] = []
    hits: list[int] = []
    buckets: dict[str, dict] = {}

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        path = target.split("?")[0]
        data = _decode(body)
        FakeServer.requests.append((method, path, data))
        if path.endswith("/_search"):
            aggregations = (data or {}).get("aggregations")
            if aggregations:
                (name,) = aggregations
                answer = {
                    "hits": {"hits": []},
                    "aggregations": {
                        name: {
                            "buckets": [
                                {"key": k, "doc_count": n}
                                for k, n in FakeServer.buckets.get(name, {}).items()
                            ]
                        }
                    },
                }
            else:
                answer = {
                    "hits": {
                        "hits": [
                            {"_id": str(pk), "_score": 1.0, "fields": {"pk": [str(pk)]}}
                            for pk in FakeServer.hits
                        ]
                    }
                }
        elif path.endswith("/_count"):
            answer = {"count": len(FakeServer.hits)}
        elif path.endswith("/_bulk"):
            answer = {"took": 1, "errors": False, "items": []}
        elif method == "HEAD":
            answer = {}
        else:
            answer = {"acknowledged": True}
        meta = ApiResponseMeta(
            status=200,
            http_version="1.1",
            headers=HttpHeaders(
                {
                    "x-elastic-product": "Elasticsearch",
                    "content-type": "application/json",
                }
            ),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(answer).encode())

    @classmethod
    def sent(cls, method: str, ending: str) -> list:
        return [d for m, p, d in cls.requests if m == method and p.endswith(ending)]


def _decode(body):
    if not body:
        return None
    text = body.decode() if isinstance(body, bytes) else body
    try:
        return json.loads(text)
    except ValueError:  # the bulk API: one JSON object a line
        return [json.loads(line) for line in text.splitlines() if line.strip()]


SERVER = {
    "default": {
        "BACKEND": "shop.search.servers.elasticsearch8",
        "URLS": ["http://search.example:9200"],
        "INDEX_PREFIX": "otop_",
        "INDEX_SETTINGS": settings.SEARCH_SERVER_INDEX_SETTINGS,
        "OPTIONS": {"node_class": FakeServer},
    }
}
INDEX = "otop_search_searchdocument"


@pytest.fixture
def server():
    FakeServer.requests, FakeServer.hits, FakeServer.buckets = [], [], {}
    with override_settings(WAGTAILSEARCH_BACKENDS=SERVER):
        yield FakeServer


def test_the_rebuild_sends_settings_mapping_and_pre_analysed_documents(server):
    EligibleProductFactory(title="ผ้าไหมมัดหมี่", title_en="Mudmee Silk")

    call_command("rebuild_search_index", stdout=io.StringIO())

    (created,) = server.sent("PUT", f"/{INDEX}")
    analyzers = created["settings"]["analysis"]["analyzer"]
    assert analyzers["default"]["tokenizer"] == "whitespace"
    (mapping,) = server.sent("PUT", f"/{INDEX}/_mapping")
    fields = mapping["properties"]
    for text in ("title_terms", "name_terms", "context_terms", "detail_terms"):
        assert fields[text]["type"] == "text"
    for facet in ("listed", "listed_until", "category_id", "stars", "province_id"):
        assert f"{facet}_filter" in fields
    assert fields["listed_filter"]["type"] == "boolean"
    assert "_all_text_boost_10_0" in fields["title_terms"]["copy_to"]
    documents = [
        line
        for body in server.sent("PUT", "/_bulk") + server.sent("POST", "/_bulk")
        for line in body
        if "title_terms" in line
    ]
    # The last written: the factory's saves were sent as they came, the rebuild last.
    silk = [d for d in documents if "ผ้าไหม" in d["title_terms"].split()][-1]
    assert {"มัดหมี่", "silk", "mudmee"} <= set(silk["title_terms"].split())
    assert silk["listed_filter"] is True


def test_a_search_sends_the_rule_the_filters_and_the_facet_aggregations(client, server):
    silk = EligibleProductFactory(title="ผ้าไหมแพรวา", title_en="", opc_rating__stars=5)
    hidden = make_ineligible_product(
        "suspended", title="ผ้าไหมยกดอก", title_en="", opc_rating__stars=5
    )
    documents = SearchDocument.objects.filter(product__in=[silk, hidden])
    # The server still has the suspended product's old entry: the page re-checks.
    server.hits = sorted(documents.values_list("pk", flat=True))
    server.buckets = {"stars": {5: 1}, "certificates": {" gi ": 1}}
    server.requests.clear()

    response = client.get(reverse("search:search"), {"q": "ไหม", "stars": "5"})

    assert response.status_code == 200
    assert [p.title for p in response.context["products"]] == [silk.title]
    stars = next(f for f in response.context["facets"] if f["name"] == "stars")
    assert [(o["value"], o["count"]) for o in stars["options"]] == [("5", 1)]
    searches = server.sent("POST", f"/{INDEX}/_search") + server.sent(
        "GET", f"/{INDEX}/_search"
    )
    page = next(s for s in searches if "aggregations" not in s)
    sent = json.dumps(page, ensure_ascii=False)
    # Our terms, matched where Wagtail copies the title's boosted text.
    assert "ไหม" in sent and "_all_text_boost_10_0" in sent
    filters = json.dumps(page["query"], ensure_ascii=False)
    for rule in ('"listed_filter": true', '"kind_filter": "product"', "listed_until"):
        assert rule in filters
    assert '"stars_filter": 5' in filters
    aggregated = {
        name: body["aggregations"][name]["terms"]
        for body in searches
        if "aggregations" in body
        for name in body["aggregations"]
    }
    assert {"category_id", "stars", "province_id", "price_band", "certificates"} <= set(
        aggregated
    )
    assert aggregated["province_id"]["size"] >= 77  # every province counted


def test_a_subcategory_page_sends_its_tree_path_as_a_prefix_filter(client, server):
    from catalogue.models import Category
    from tests.factories import CategoryFactory

    root = CategoryFactory(official=("ผ้า เครื่องแต่งกาย", "Textiles and clothing"))
    scarves = Category.objects.get(
        pk=root.add_child(name="ผ้าพันคอ", name_en="Scarves", slug="scarves").pk
    )
    scarf = EligibleProductFactory(
        title="ผ้าพันคอไหม", categories=[scarves], opc_rating__stars=5
    )
    server.hits = [SearchDocument.objects.get(product=scarf).pk]
    server.buckets = {"stars": {5: 1}}
    server.requests.clear()

    response = client.get(scarves.get_absolute_url(), {"stars": "5"})

    assert response.status_code == 200
    assert [p.title for p in response.context["products"]] == [scarf.title]
    searches = server.sent("POST", f"/{INDEX}/_search") + server.sent(
        "GET", f"/{INDEX}/_search"
    )
    assert searches
    for body in searches:  # the page and every facet's aggregation
        filters = json.dumps(body["query"], ensure_ascii=False)
        assert '"prefix"' in filters and "category_path_filter" in filters
        assert scarves.path in filters
        assert '"stars_filter": 5' in filters
