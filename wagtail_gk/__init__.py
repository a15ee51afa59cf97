"""wagtail-gk: reusable Wagtail apps for government-affairs openness (政务公开)."""

__version__ = "0.1.0"
