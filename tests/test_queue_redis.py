"""The queue glue against a real Redis and a real rqworker process."""

from datetime import timedelta

import django_rq
import pytest
from django.utils import timezone
from rq.job import Job

from articles.models import AuditEvent
from newsroom import queue
from tests.conftest import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_job_runs_on_a_real_worker(rq_worker):
    job_id = queue.enqueue("default", "tests.jobs_for_tests.record_event", "hello from redis")
    assert job_id
    wait_for(lambda: AuditEvent.objects.filter(action="test.job_ran").exists())
    assert AuditEvent.objects.get(action="test.job_ran").reason == "hello from redis"


def test_each_queue_is_served(rq_worker, settings):
    for name in settings.NEWSROOM_QUEUES:
        queue.enqueue(name, "tests.jobs_for_tests.record_event", name)
    wait_for(lambda: AuditEvent.objects.filter(action="test.job_ran").count() == 4)
    reasons = set(AuditEvent.objects.values_list("reason", flat=True))
    assert reasons == set(settings.NEWSROOM_QUEUES)


def test_scheduled_job_runs_through_the_scheduler(rq_worker):
    queue.enqueue_at(
        timezone.now() + timedelta(seconds=2),
        "default",
        "tests.jobs_for_tests.record_event",
        "later",
    )
    assert not AuditEvent.objects.exists()
    wait_for(lambda: AuditEvent.objects.filter(reason="later").exists(), timeout=30)


def test_failed_job_is_recorded_as_failed(rq_worker, redis_url):
    job_id = queue.enqueue("default", "tests.jobs_for_tests.fail_loudly", "x")
    connection = django_rq.get_connection("default")
    wait_for(lambda: Job.fetch(job_id, connection=connection).get_status() == "failed")
    assert (
        "job failed on purpose"
        in Job.fetch(job_id, connection=connection).latest_result().exc_string
    )
