import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.draft_html import render_draft
from articles.drafting import draft_sources
from articles.llm import LLMError
from articles.models import Run
from articles.runs import call_recorder
from articles.text.source import SourceText
from newsroom.llm import model_for, resolve_backend


def read_sources(paths: list[str]) -> list[SourceText]:
    """Plain-text files, first line the title; indexes follow the order given."""
    sources = []
    for index, name in enumerate(paths):
        try:
            title, _, text = Path(name).read_text(encoding="utf-8").partition("\n")
        except OSError as exc:
            raise CommandError(f"Cannot read {name}: {exc.strerror}") from exc
        if not text.strip():
            raise CommandError(f"{name} has a title line but no text.")
        sources.append(SourceText(index=index, title=title.strip(), text=text.strip()))
    return sources


class Command(BaseCommand):
    help = "Draft one news story from plain-text source files (first line is the title)."

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", required=True, metavar="FILE")
        parser.add_argument("--backend", choices=("auto", "offline", "llm"), default="auto")
        parser.add_argument(
            "--record",
            action="store_true",
            help="Store each language-model call in the database (the AI calls log).",
        )
        parser.add_argument("--format", choices=("json", "html"), default="json")

    def handle(self, *args, source: list[str], backend: str, format: str, record: bool, **options):
        sources = read_sources(source)
        try:
            backend = resolve_backend(backend)
            on_call = call_recorder(Run.Kind.DRAFT) if record else None
            with model_for(backend, on_call=on_call) as model:
                result = draft_sources(sources, backend=backend, model=model)
        except (LLMError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if format == "html":
            self.stdout.write(render_draft(result.draft, sources))
            return
        data = result.draft.to_json()
        data["provenance"] = {
            **data.get("provenance", {}),
            "backend": result.backend,
            "model": result.model,
            "prompt_version": result.prompt_version,
            "input_tokens": result.input_tokens,
            "output_tokens": result.output_tokens,
            "latency_ms": result.latency_ms,
        }
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
