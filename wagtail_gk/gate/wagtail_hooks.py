"""Registration only: the publication gate's checkers, admin screens and publish guards."""

from wagtail import hooks

from . import guard
from .checkers.classification import ClassificationMarkerChecker
from .checkers.personal_data import PersonalDataChecker
from .checkers.sensitive_words import SensitiveWordChecker
from .views.sensitive_words import BulkEditTermsAction


@hooks.register("register_gk_checker")
def sensitive_word_checker():
    return SensitiveWordChecker()


@hooks.register("register_gk_checker")
def personal_data_checker():
    return PersonalDataChecker()


@hooks.register("register_gk_checker")
def classification_marker_checker():
    return ClassificationMarkerChecker()


# --- the hard gate: friendly refusals on the admin paths (guard.py has the why) ---


@hooks.register("before_publish_page")
def refuse_blocked_page(request, page):
    return guard.refuse_page_publish(request, page)


@hooks.register("before_publish")
def refuse_blocked_snippet(request, obj):
    return guard.refuse_snippet_publish(request, obj)


@hooks.register("before_bulk_action")
def refuse_blocked_bulk_publish(request, action_type, objects, action):
    return guard.refuse_bulk_publish(request, action_type, objects, action)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def withdraw_automatically_rejected_submission(request, obj):
    return guard.automated_rejection_response(request, obj)


# After Wagtail's own view restrictions (order 0), so a private document's
# visitor gets the login or password form and the file is not read for them.
@hooks.register("before_serve_document", order=100)
def refuse_blocked_document(document, request):
    from .document_guard import refuse_blocked_document as refuse

    return refuse(document, request)


# --- admin screens ---------------------------------------------------------


@hooks.register("register_admin_urls")
def register_gate_admin_urls():
    from django.urls import include, path

    from . import admin_urls

    return [path("gk-gate/", include(admin_urls, namespace="wagtail_gk_gate"))]


def _register_term_snippets():
    from wagtail.snippets.models import register_snippet

    from .viewsets import SensitiveTermViewSet

    register_snippet(SensitiveTermViewSet)


_register_term_snippets()


hooks.register("register_bulk_action", BulkEditTermsAction)


@hooks.register("register_admin_menu_item")
def register_gate_menu():
    from .viewsets import gate_menu_item

    return gate_menu_item()


@hooks.register("before_edit_page")
def show_findings_in_editor(request, page):
    from .views.findings import editor_findings_message

    return editor_findings_message(request, page)


@hooks.register("before_edit_snippet")
def show_findings_in_snippet_editor(request, instance):
    from wagtail.models import DraftStateMixin

    from .views.findings import editor_findings_message

    # Only publishable snippets pass through the gate; other snippets (the
    # term library itself) are not checked.
    if isinstance(instance, DraftStateMixin):
        return editor_findings_message(request, instance)
    return None


# --- periodic work, demo (role permissions: wagtail_gk.roles) ---------------


@hooks.register("register_gk_periodic_task")
def sensitive_term_sync():
    from ..tasks import sync_sensitive_terms_if_due

    return sync_sensitive_terms_if_due


@hooks.register("register_gk_demo_loader")
def gate_demo():
    from ..demo import DemoLoader
    from .demo import load_gate_demo

    return DemoLoader(order=5, load=load_gate_demo)
