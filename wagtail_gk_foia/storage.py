"""Storage for applicants' files that the web server must never serve directly.

Identity proofs, attachments and issued documents are downloaded only through
admin views that check the officer role (and log the access), or through the
applicant's authenticated status page.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from .conf import foia_setting


@deconstructible
class PrivateFoiaStorage(FileSystemStorage):
    """A file-system storage rooted at ``GK_FOIA_PRIVATE_ROOT`` (default: a
    sibling of ``MEDIA_ROOT``, never inside it, so the web server serving
    media cannot reach it), with no public URL. The root is read on every
    access so settings overrides (tests, per-deployment settings) apply."""

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        root = foia_setting("GK_FOIA_PRIVATE_ROOT")
        if not root:
            root = str(settings.MEDIA_ROOT).rstrip("/\\") + "-private"
        return str(root)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Files of disclosure requests are not served by URL; use the admin download views.")


private_storage = PrivateFoiaStorage()
