"""The periodic tasks: every path imports, and run_periodic --once runs them all."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsroom.periodic import TASKS

pytestmark = pytest.mark.django_db


def test_every_task_is_importable_and_on_a_known_queue(settings):
    for task in TASKS:
        assert callable(task.func), task.path
        assert task.queue in settings.NEWSROOM_QUEUES


def test_run_periodic_once(caplog):
    caplog.set_level("INFO")
    call_command("run_periodic", "--once", stdout=StringIO())
    ran = {record.getMessage().split(":")[0] for record in caplog.records}
    assert {task.path for task in TASKS} <= ran


def test_lost_imports_are_expired(staff):
    from sources.jobs import expire_stale_imports
    from sources.models import ImportJob

    job = ImportJob.objects.create(url="https://example.test/a", requested_by=staff["editor"])
    assert expire_stale_imports() == 0
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert expire_stale_imports() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "lost" in job.error
