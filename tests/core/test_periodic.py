import pytest
from django.core.management import CommandError, call_command
from django_tasks import task
from wagtail import hooks

from wagtail_gk.periodic import periodic_tasks

CALLS = []


@task()
def sample_periodic():
    CALLS.append("ran")
    return len(CALLS)


def test_registered_tasks_are_listed_and_enqueued(capsys):
    with hooks.register_temporarily("register_gk_periodic_task", lambda: sample_periodic):
        assert "tests.core.test_periodic.sample_periodic" in periodic_tasks()
        CALLS.clear()
        call_command("gk_run_periodic", "--only", "tests.core.test_periodic.sample_periodic")
        assert CALLS == ["ran"]
        call_command("gk_run_periodic", "--list")
        assert "tests.core.test_periodic.sample_periodic" in capsys.readouterr().out


def test_unknown_task_is_an_error():
    with pytest.raises(CommandError, match="Unknown periodic task"):
        call_command("gk_run_periodic", "--only", "no.such.task")
