from django.db import models
from wagtail.models import DraftStateMixin, RevisionMixin


class Bulletin(DraftStateMixin, RevisionMixin, models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField(blank=True)

    def __str__(self):
        return self.title
