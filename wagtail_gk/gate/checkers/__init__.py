from .base import Checker, Finding, Severity, TextSource, excerpt_around, mask_match

__all__ = ["Checker", "Finding", "Severity", "TextSource", "excerpt_around", "mask_match"]
