"""Keep the search indexes and subscribers in step with publishing.

Connected in :meth:`PolicyLibraryAppConfig.ready`. Work is enqueued on
commit, so a worker sees the rows the publish just wrote.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from wagtail_gk.search.segmentation import dictionary_changed
from wagtail_gk.search.tasks import reindex_segmented_search, segmenting_backend_names
from wagtail_gk.tasks import enqueue_on_commit

from .models import PolicyDocumentPage, PolicyInterpretationPage, SegmentationTerm
from .tasks import index_policy, notify_subscribers, rebuild_policy_index, remove_policy


def policy_published(sender, instance, **kwargs):
    enqueue_on_commit(index_policy, instance.pk)
    # Subscribers hear about a policy when it first goes live, not on every correction.
    if instance.first_published_at and instance.first_published_at == instance.last_published_at:
        enqueue_on_commit(notify_subscribers, instance.pk)


def policy_unpublished(sender, instance, **kwargs):
    enqueue_on_commit(index_policy, instance.pk)


def policy_deleted(sender, instance, **kwargs):
    enqueue_on_commit(remove_policy, instance.pk)


def interpretation_changed(sender, instance, **kwargs):
    # The policy's "有解读" mark in search follows its interpretations.
    if instance.policy_id:
        enqueue_on_commit(index_policy, instance.policy_id)


def dictionary_edited(sender, instance, **kwargs):
    dictionary_changed()
    enqueue_on_commit(rebuild_policy_index)
    # Wagtail's own index, when its backend segments with the same dictionary.
    if segmenting_backend_names():
        enqueue_on_commit(reindex_segmented_search)


def connect():
    page_published.connect(policy_published, sender=PolicyDocumentPage, dispatch_uid="gk_policy_published")
    page_unpublished.connect(policy_unpublished, sender=PolicyDocumentPage, dispatch_uid="gk_policy_unpublished")
    post_delete.connect(policy_deleted, sender=PolicyDocumentPage, dispatch_uid="gk_policy_deleted")
    page_published.connect(interpretation_changed, sender=PolicyInterpretationPage, dispatch_uid="gk_interp_published")
    page_unpublished.connect(interpretation_changed, sender=PolicyInterpretationPage, dispatch_uid="gk_interp_unpublished")
    post_delete.connect(interpretation_changed, sender=PolicyInterpretationPage, dispatch_uid="gk_interp_deleted")
    post_save.connect(dictionary_edited, sender=SegmentationTerm, dispatch_uid="gk_dictionary_saved")
    post_delete.connect(dictionary_edited, sender=SegmentationTerm, dispatch_uid="gk_dictionary_deleted")
