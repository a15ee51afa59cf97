from wagtail.snippets.models import register_snippet

from .models import Bulletin

register_snippet(Bulletin)
