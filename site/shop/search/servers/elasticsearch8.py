"""Wagtail's Elasticsearch 8 backend with exact facet counts (`servers.ExactFacets`):
SEARCH_BACKEND=shop.search.servers.elasticsearch8."""

from modelsearch.backends import elasticsearch8

from . import ExactFacets


class Results(ExactFacets, elasticsearch8.Elasticsearch8SearchResults):
    pass


class SearchBackend(elasticsearch8.Elasticsearch8SearchBackend):
    results_class = Results
