"""Models of the publication gate: the shared sensitive-word library, the
automated workflow check, dismissed findings and re-scan results."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string
from wagtail.models import Task, TaskState

from ..conf import gk_setting
from ..gate.normalise import normalise_term
from ..signals import automated_check_started, sensitive_library_changed, sensitive_term_validating


class TermSeverity(models.TextChoices):
    BLOCK = "block", _("Block")
    WARN = "warn", _("Warning")


class TermSource(models.TextChoices):
    LOCAL = "local", _("Added on this site")
    REMOTE = "remote", _("Shared upstream list")
    IMPORT = "import", _("Imported from a file")


class SensitiveTerm(models.Model):
    """One term of the shared sensitive-word library (共享敏感词库).

    ``exemptions`` lists phrases in which the term is harmless (one a line):
    a match that lies inside one of them is not a finding.

    The term and its exemptions are stored normalised (width, case,
    traditional and variant characters, invisible characters folded as the
    matcher folds text), so variants of one term are one row with one
    severity. :meth:`clean` refuses terms too short or found on most of the
    live site (docs/gate.md, "A term library that refuses nonsense"); saving
    a term that is activated or raised to "block" re-scans the live site.
    The site-wide parts are the gate's (``gate/signals.py``): the model sends
    ``sensitive_term_validating`` and the gate's ``post_save`` receiver
    schedules the re-scan, so this module imports none of the gate's."""

    term = models.CharField(_("Sensitive term"), max_length=100, unique=True)
    category = models.CharField(_("Category"), max_length=50, blank=True, db_index=True)
    severity = models.CharField(_("Severity"), max_length=8, choices=TermSeverity.choices, default=TermSeverity.BLOCK)
    exemptions = models.TextField(
        _("Exempt phrases"), blank=True, help_text=_("Harmless phrases that contain the term, one per line, e.g. “keep state secrets”.")
    )
    source = models.CharField(_("Source"), max_length=8, choices=TermSource.choices, default=TermSource.LOCAL)
    active = models.BooleanField(_("Enabled"), default=True)
    note = models.CharField(_("Note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("Added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Modified at"), auto_now=True)

    class Meta:
        verbose_name = _("Sensitive term")
        verbose_name_plural = _("Sensitive-term list")
        ordering = ["category", "term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.normalise()
        # ``_loaded`` still holds the values as loaded while ``post_save`` runs
        # (the gate's receiver compares them to tell whether to re-scan).
        super().save(*args, **kwargs)
        self._loaded = (self.term, self.active, self.severity)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # as loaded, to tell at save time whether the term was activated or raised
        instance._loaded = (instance.__dict__.get("term"), instance.__dict__.get("active"), instance.__dict__.get("severity"))
        return instance

    def exemption_list(self) -> list[str]:
        return [line.strip() for line in self.exemptions.splitlines() if line.strip()]

    def normalise(self) -> None:
        """Fold the term and its exemption phrases as the matcher folds text."""
        self.term = normalise_term(self.term or "")
        self.exemptions = "\n".join(phrase for phrase in (normalise_term(line) for line in self.exemption_list()) if phrase)

    def clean(self):
        """Normalise, then refuse a term shorter than ``GK_GATE_TERM_MIN_LENGTH``,
        exemptions that do not contain the term, and (when the term is new,
        changed or activated) a term found on most of the live site. Runs
        before the admin form's uniqueness check, so a variant of an existing
        term is reported as a duplicate rather than failing at save."""
        super().clean()
        self.normalise()
        errors: dict[str, list[str]] = {}
        min_length = gk_setting("GK_GATE_TERM_MIN_LENGTH")
        if len(self.term) < min_length:
            errors.setdefault("term", []).append(
                _("“%(term)s” is shorter than %(min)d characters; so short a term would flag nearly every page.") % {"term": self.term, "min": min_length}
            )
        for phrase in self.exemption_list():
            if self.term and self.term not in phrase:
                errors.setdefault("exemptions", []).append(_("The exempt phrase “%(phrase)s” does not contain the term itself") % {"phrase": phrase})
        loaded_term, loaded_active, _severity = getattr(self, "_loaded", (None, False, None))
        if not errors and self.active and (self.term != loaded_term or not loaded_active):
            responses = sensitive_term_validating.send(sender=SensitiveTerm, term=self.term, exemptions=self.exemption_list())
            messages = [message for _receiver, response in responses for message in response or []]
            if messages:
                errors["term"] = messages
        if errors:
            raise ValidationError(errors)



class SensitiveLibraryState(models.Model):
    """A single row whose ``version`` grows whenever the library changes.

    Every process compares it with the version its matcher was built from
    before a check, so a change made in one process (an admin save, an
    import, a sync in a worker) reaches all of them."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)
    last_sync_at = models.DateTimeField(null=True, blank=True)
    last_sync_message = models.TextField(blank=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"library v{self.version}"

    @classmethod
    def current(cls) -> SensitiveLibraryState:
        state, _created = cls.objects.get_or_create(pk=1)
        return state

    @classmethod
    def bump(cls) -> None:
        cls.current()
        cls.objects.filter(pk=1).update(version=F("version") + 1)
        transaction.on_commit(cls._after_commit)

    @staticmethod
    def _after_commit():
        sensitive_library_changed.send(sender=SensitiveLibraryState)


class FindingDismissal(models.Model):
    """A reviewer's decision that one finding on one object is not a problem."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, db_index=True)
    fingerprint = models.CharField(_("Finding fingerprint"), max_length=64)
    checker = models.CharField(_("Check"), max_length=64)
    code = models.CharField(_("Finding type"), max_length=64)
    location = models.CharField(_("Location"), max_length=255, blank=True)
    excerpt = models.CharField(_("Excerpt"), max_length=255, blank=True)
    message = models.TextField(_("Description"), blank=True)
    reason = models.TextField(_("Reason for dismissal"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("Dismissed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Dismissed findings")
        verbose_name_plural = _("Dismissed findings")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "fingerprint"], name="gk_unique_dismissal")
        ]
        permissions = [("dismiss_finding", _("Can dismiss findings of the checks"))]

    def __str__(self):
        return f"{self.code} @ {self.location}"


class AutomatedCheckTaskState(TaskState):
    """The run of :class:`AutomatedCheckTask` on one revision, with its findings."""

    findings = models.JSONField(_("Findings"), default=list, blank=True)
    blocking_count = models.PositiveIntegerField(_("Blocking findings"), default=0)
    warning_count = models.PositiveIntegerField(_("Warning count"), default=0)

    class Meta:
        verbose_name = _("Automated check task state")
        verbose_name_plural = _("Automated check task state")


class AutomatedCheckTask(Task):
    """A workflow step that runs the publication gate without a person.

    Clean content is approved at once; blocking findings reject it back to
    the editor (the findings show in the page editor); warnings let it
    through to the next step, where the reviewer sees them."""

    task_state_class = AutomatedCheckTaskState

    class Meta:
        verbose_name = _("Automated content check")
        verbose_name_plural = _("Automated content check")

    def start(self, workflow_state, user=None):
        """Start the task and have the gate's runner check the revision (it
        answers ``automated_check_started``); with no runner connected the
        task refuses to start rather than pass content unchecked."""
        task_state = super().start(workflow_state, user=user)
        if not automated_check_started.send(sender=AutomatedCheckTask, task_state=task_state.specific, user=user):
            raise ImproperlyConfigured("The publication gate's signals are not connected: wagtail_gk's AppConfig.ready() did not run.")
        return task_state

    def get_actions(self, obj, user):
        return []

    @classmethod
    def get_description(cls):
        return _("Checks content for sensitive terms, personal data and classification markings: content with no findings passes, content with blocking findings goes back to the editor, and content with only warnings goes on to the reviewer.")


class RescanKind(models.TextChoices):
    PAGE = "page", _("Page")
    SNIPPET = "snippet", _("Snippet")
    DOCUMENT = "document", _("Document")


class RescanFinding(models.Model):
    """A live page, a live publishable snippet or a document that shows
    blocking findings when re-checked (after the library changed, after
    ``manage.py gk_rescan``, or when a document is refused at serving).

    Nothing is unpublished; a reviewer decides what to do and marks the row
    resolved. ``content_type``/``object_id`` name the object for every kind;
    ``page`` is also set for pages. ``title`` is the object's title when it
    was found, so the report lists rows without loading every object."""

    kind = models.CharField(_("Kind"), max_length=8, choices=RescanKind.choices, default=RescanKind.PAGE, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Page"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    title = models.CharField(_("Title"), max_length=255, blank=True)
    library_version = models.PositiveBigIntegerField(_("Term list version"))
    findings = models.JSONField(_("Findings"), default=list)
    found_at = models.DateTimeField(_("Found at"), auto_now_add=True)
    resolved = models.BooleanField(_("Resolved"), default=False)

    class Meta:
        verbose_name = _("Re-scan finding")
        verbose_name_plural = _("Live content re-scan")
        ordering = ["resolved", "-found_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "resolved"], name="gk_rescan_object")]

    def __str__(self):
        return f"{self.kind} {self.object_id or self.page_id} v{self.library_version}"


class DocumentCheck(models.Model):
    """The standing findings of one document file, keyed by the hash of the
    bytes that were checked (computed from the file itself, not taken from
    ``Document.file_hash``, which a direct ``file.save()`` leaves stale).

    The document serve view refuses a document whose current file has a
    blocking check (see docs/gate.md, "Documents where they are served").
    A check made under another library version is stale and is redone."""

    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("Document"), on_delete=models.CASCADE, related_name="+"
    )
    file_hash = models.CharField(_("File hash"), max_length=64)
    library_version = models.PositiveBigIntegerField(_("Term list version"))
    blocking = models.BooleanField(_("Blocking"), default=False)
    findings = models.JSONField(_("Findings"), default=list)
    checked_at = models.DateTimeField(_("Checked at"), auto_now=True)

    class Meta:
        verbose_name = _("Document check")
        verbose_name_plural = _("Document checks")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["document", "file_hash"], name="gk_unique_document_check")]

    def __str__(self):
        return f"document {self.document_id} {self.file_hash[:12]}"
