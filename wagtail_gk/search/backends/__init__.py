"""Wagtail search backends that segment Chinese (see :mod:`.database` and
:mod:`.elasticsearch8`)."""

# CHINESE_ANALYSIS of the Elasticsearch backend; here so that the system
# check can read them without importing the Elasticsearch client.
ELASTICSEARCH_ANALYSIS_MODES = ("segmented", "ik", "smartcn")
