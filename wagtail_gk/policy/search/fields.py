"""Field maps shared by every policy search backend, defined once.

Facet keys (what a reader filters by, in display order) map to the column of
the database tables (``PolicySearchEntry`` and, on PostgreSQL, the match
table) and to the field of the Elasticsearch document; both use the same
names.
"""

# Facet keys in display order. "subtopic" (二级主题) is offered once a
# first-level 主题分类 is chosen.
FACET_KEYS = ("agency", "year", "topic", "subtopic", "kind", "validity")
SORTS = ("relevance", "date")

# Facet key → stored column / document field.
FILTER_FIELDS = {
    "agency": "agency_id",
    "year": "year",
    "topic": "topic_root_id",
    "subtopic": "topic_id",
    "kind": "document_kind",
    "validity": "validity",
}
# Facets whose values are integers (ids and years); the others are strings.
INT_FACETS = ("agency", "year", "topic", "subtopic")
# Facet keys whose stored value may be the empty string (left out of counts).
STRING_FACETS = ("kind", "validity")


def facet_keys(filters: dict) -> list[tuple[str, str]]:
    """(facet key, field) pairs to count for a request with *filters*:
    "subtopic" only once a "topic" is chosen."""
    return [(key, field) for key, field in FILTER_FIELDS.items() if key != "subtopic" or "topic" in filters]
