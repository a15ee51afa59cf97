"""Periodic work: reminders, library syncs, re-scans.

Apps register argument-less django-tasks tasks through the
``register_gk_periodic_task`` hook::

    @hooks.register("register_gk_periodic_task")
    def foia_reminders():
        return send_deadline_reminders  # a @task() function taking no arguments

``manage.py gk_run_periodic`` (run from cron or a systemd timer, e.g. every 30
minutes) enqueues each of them. Periodic tasks must be idempotent — a reminder
task records what it has sent — so running them more often than needed is harmless.
"""

from __future__ import annotations

from wagtail import hooks


def task_name(task_obj) -> str:
    return f"{task_obj.func.__module__}.{task_obj.func.__name__}"


def periodic_tasks() -> dict:
    """{dotted name: task} of every registered periodic task."""
    tasks = {}
    for fn in hooks.get_hooks("register_gk_periodic_task"):
        task_obj = fn()
        tasks[task_name(task_obj)] = task_obj
    return tasks
