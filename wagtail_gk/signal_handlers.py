"""Signal receivers of ``wagtail_gk``, connected from ``AppConfig.ready()``."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from . import workdays


def give_index_number(sender, instance, **kwargs):
    from .index_numbers import assign_index_number
    from .models import OpennessMetadataMixin

    if isinstance(instance, OpennessMetadataMixin):
        assign_index_number(instance)


def clear_calendar_cache(sender, **kwargs):
    workdays.clear_cache()


def connect():
    from .models import CalendarDay, CalendarYear

    page_published.connect(give_index_number, dispatch_uid="wagtail_gk_index_number")
    for model in (CalendarYear, CalendarDay):
        post_save.connect(clear_calendar_cache, sender=model, dispatch_uid=f"wagtail_gk_cal_save_{model.__name__}")
        post_delete.connect(clear_calendar_cache, sender=model, dispatch_uid=f"wagtail_gk_cal_del_{model.__name__}")
