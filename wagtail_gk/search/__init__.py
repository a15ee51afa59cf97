"""Chinese search for Wagtail: the shared segmenter and a search backend.

- :mod:`wagtail_gk.search.segmentation`: jieba segmentation with the
  suite's user dictionary, used by every search of the suite.
- :mod:`wagtail_gk.search.backends.database`: a ``WAGTAILSEARCH_BACKENDS``
  backend built on Wagtail's own database backend that segments Chinese at
  index and query time (SQLite FTS5 and PostgreSQL).
- :mod:`wagtail_gk.search.compat`: what differs between Wagtail 7.4
  (``wagtail.search``) and Wagtail 8 (django-modelsearch).
"""
