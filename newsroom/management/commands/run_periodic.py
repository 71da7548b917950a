import logging
import time

from django.core.management.base import BaseCommand

from newsroom.periodic import TASKS

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic tasks in this process (the no-Redis alternative to rqcron)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every task once and exit.")

    def handle(self, *args, once: bool = False, **options):
        last_run: dict[str, float] = {}
        while True:
            now = time.monotonic()
            for task in TASKS:
                if once or now - last_run.get(task.path, float("-inf")) >= task.every_seconds:
                    last_run[task.path] = now
                    try:
                        result = task.func()
                        log.info("%s: %s", task.path, result)
                    except Exception:
                        log.exception("Periodic task %s failed", task.path)
            if once:
                return
            time.sleep(5)
