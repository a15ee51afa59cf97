"""Wagtail search backends that segment Chinese (see :mod:`.database`)."""
