from django.core.management.base import BaseCommand, CommandError

from sources.importing import ImportFailed, import_url
from sources.models import Story


class Command(BaseCommand):
    help = "Import one article from a URL as a source (SSRF-safe fetch, extraction, dedup)."

    def add_arguments(self, parser):
        parser.add_argument("url", help="The article's http(s) address.")
        parser.add_argument("--story", type=int, help="Put the source in this story (id).")

    def handle(self, *args, url: str, story: int | None = None, **options):
        target = None
        if story is not None:
            target = Story.objects.filter(pk=story).first()
            if target is None:
                raise CommandError(f"No story with id {story}.")
        try:
            result = import_url(url, story=target)
        except ImportFailed as failure:
            raise CommandError(f"{failure} ({url})") from None
        source = result.source
        if result.created:
            where = f" in story #{source.story_id}" if source.story_id else ""
            self.stdout.write(self.style.SUCCESS(f"Source #{source.pk}{where}: {result.message}"))
        else:
            self.stdout.write(f"Source #{source.pk}: {result.message}")
