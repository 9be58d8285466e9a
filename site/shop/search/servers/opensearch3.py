"""Wagtail's OpenSearch 3 backend with exact facet counts (`servers.ExactFacets`):
SEARCH_BACKEND=shop.search.servers.opensearch3 (needs `pip install opensearch-py`)."""

from modelsearch.backends import opensearch3

from . import ExactFacets


class Results(ExactFacets, opensearch3.OpenSearch3SearchResults):
    pass


class SearchBackend(opensearch3.OpenSearch3SearchBackend):
    results_class = Results
