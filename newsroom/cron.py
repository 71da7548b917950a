"""RQ cron configuration: `manage.py rqcron newsroom.cron` enqueues the periodic tasks."""

import django

django.setup()

from rq import cron  # noqa: E402

from newsroom.periodic import TASKS  # noqa: E402

for task in TASKS:
    cron.register(task.func, task.queue, interval=task.every_seconds, name=task.path)
