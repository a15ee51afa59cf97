"""Registration only: the publication gate's checkers, admin screens and publish guards."""

from wagtail import hooks

from . import publish_guard
from .checkers.classification import ClassificationMarkerChecker
from .checkers.personal_data import PersonalDataChecker
from .checkers.sensitive_words import SensitiveWordChecker


@hooks.register("register_gk_checker")
def sensitive_word_checker():
    return SensitiveWordChecker()


@hooks.register("register_gk_checker")
def personal_data_checker():
    return PersonalDataChecker()


@hooks.register("register_gk_checker")
def classification_marker_checker():
    return ClassificationMarkerChecker()


# --- the hard gate: friendly refusals on the admin paths (publish_guard.py has the why) ---


@hooks.register("before_publish_page")
def refuse_blocked_page(request, page):
    return publish_guard.refuse_page_publish(request, page)


@hooks.register("before_publish")
def refuse_blocked_snippet(request, obj):
    return publish_guard.refuse_snippet_publish(request, obj)


@hooks.register("before_bulk_action")
def refuse_blocked_bulk_publish(request, action_type, objects, action):
    return publish_guard.refuse_bulk_publish(request, action_type, objects, action)
