from django.core.management.base import BaseCommand, CommandError

from sources.feeds import PollResult, due_feeds, poll_feeds_now
from sources.models import Feed


class Command(BaseCommand):
    help = "Poll due feeds now (or all active feeds, or one), one progress line per feed."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--all", dest="all_feeds", action="store_true", help="Poll every active feed."
        )
        group.add_argument("--feed", type=int, action="append", help="Poll this feed (id).")

    def handle(self, *args, all_feeds: bool = False, feed: list[int] | None = None, **options):
        if feed:
            feeds = list(Feed.objects.filter(pk__in=feed))
            missing = set(feed) - {f.pk for f in feeds}
            if missing:
                raise CommandError(f"No feed with id {', '.join(map(str, sorted(missing)))}.")
        elif all_feeds:
            feeds = list(Feed.objects.filter(is_active=True).order_by("pk"))
        else:
            feeds = list(due_feeds())
        if not feeds:
            self.stdout.write("No feeds are due." if not all_feeds else "No active feeds.")
            return
        width = len(str(len(feeds)))

        def progress(index: int, total: int, item: Feed, result: PollResult) -> None:
            line = f"[{index:>{width}}/{total}] {item} — {result.summary} ({result.seconds:.1f}s)"
            self.stdout.write(self.style.ERROR(line) if result.error else line)

        results = poll_feeds_now(feeds, progress)
        failed = sum(1 for r in results if r.error)
        totals = (
            f"{len(results)} feed{'s' if len(results) != 1 else ''}: "
            f"{sum(r.new for r in results)} new, {sum(r.duplicate for r in results)} duplicate, "
            f"{sum(r.failed for r in results)} failed entries"
        )
        if failed:
            totals += f"; {failed} feed{'s' if failed != 1 else ''} could not be polled"
        self.stdout.write(self.style.WARNING(totals) if failed else self.style.SUCCESS(totals))
