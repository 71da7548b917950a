import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.factcheck import check_text
from articles.llm import LLMError
from articles.management.commands.draft_files import read_sources
from articles.models import Run
from articles.runs import call_recorder
from newsroom.llm import model_for, resolve_backend


class Command(BaseCommand):
    help = "Fact-check a draft file against plain-text source files (first line is the title)."

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", required=True, metavar="FILE")
        parser.add_argument("--draft", required=True, metavar="FILE")
        parser.add_argument("--backend", choices=("auto", "offline", "llm"), default="auto")
        parser.add_argument(
            "--record",
            action="store_true",
            help="Store each language-model call in the database (the AI calls log).",
        )
        parser.add_argument("--format", choices=("json",), default="json")

    def handle(self, *args, source: list[str], draft: str, backend: str, record: bool, **options):
        sources = read_sources(source)
        try:
            text = Path(draft).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read {draft}: {exc.strerror}") from exc
        try:
            backend = resolve_backend(backend)
            on_call = call_recorder(Run.Kind.FACTCHECK) if record else None
            with model_for(backend, on_call=on_call) as model:
                report = check_text(text, sources, backend=backend, model=model)
        except (LLMError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
