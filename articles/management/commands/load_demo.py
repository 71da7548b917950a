from django.core.management.base import BaseCommand

from articles.demo import load_demo


class Command(BaseCommand):
    help = "Create the demo newsroom (fictional sources, users for each role, two articles)."

    def handle(self, *args, **options):
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Published article: {summary.published.get_absolute_url()}")
        self.stdout.write(f"Logins (password '{summary.password}'):")
        for username, role in summary.logins:
            self.stdout.write(f"  {username:<12} {role}")
