"""Search servers for a large deployment: Wagtail's Elasticsearch 8 and OpenSearch 3
backends, counting facets exactly (Wagtail asks for a terms aggregation's default
ten buckets, fewer than the 77 provinces). Set SEARCH_URL and SEARCH_BACKEND
(README, "Search")."""

from __future__ import annotations

from collections import OrderedDict

# More buckets than any facet has values (77 provinces, 8 certificate kinds...).
FACET_BUCKETS = 500


class ExactFacets:
    """Mixin for a search server's results: every bucket of a facet."""

    def facet(self, field_name):
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            return super().facet(field_name)  # Wagtail's own error
        body = self._get_es_body()
        column = self.query_compiler.mapping.get_field_column_name(field)
        body["aggregations"] = {
            field_name: {
                "terms": {"field": column, "missing": 0, "size": FACET_BUCKETS}
            }
        }
        index = self.backend.get_index_for_model(self.query_compiler.queryset.model)
        response = self._backend_do_search(body, index=index.name, size=0)
        return OrderedDict(
            (bucket["key"] if bucket["key"] != 0 else None, bucket["doc_count"])
            for bucket in response["aggregations"][field_name]["buckets"]
        )
