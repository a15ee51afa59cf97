"""Public URLs of ``wagtail_gk_foia``; the host includes them before Wagtail's catch-all.

The one pattern serves intake pages from a per-process snapshot (see
:mod:`wagtail_gk_foia.routing`) and matches no other path, so every other
URL still reaches Wagtail.
"""

from .routing import IntakePattern

app_name = "wagtail_gk_foia"

urlpatterns = [IntakePattern()]
