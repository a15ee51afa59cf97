from .base import Checker, Finding, Severity, TextSource

__all__ = ["Checker", "Finding", "Severity", "TextSource"]
