"""The error every step of the procedure raises when it refuses."""

from __future__ import annotations


class TransitionError(Exception):
    """A step that the procedure does not allow now; the message is for the officer."""
