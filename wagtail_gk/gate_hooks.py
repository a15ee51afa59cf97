"""Registration only: the publication gate's checkers, admin screens and publish guards."""

from wagtail import hooks

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
