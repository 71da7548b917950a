"""Admin for sources, stories and feeds. Views and actions are thin: they call the services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from newsroom import queue
from newsroom.admin_site import WrittenByServices

from . import dedup, feeds, importing, services
from .forms import ImportForm, MoveToStoryForm, PasteForm
from .models import Feed, FeedItem, ImportJob, Source, Story
from .text import nfc


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "source_count", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "summary")
    date_hierarchy = "created_at"
    readonly_fields = ("created_by", "created_at", "updated_at")
    # The story is the hub: its sources, forms to add more, and (from apps that build on
    # stories, through the first template) what was made from them.
    change_form_template = ["admin/sources/story/hub.html", "admin/sources/story/change_form.html"]

    def response_add(self, request, obj, post_url_continue=None):
        """A new story opens on its page, where its sources are added and drafted from."""
        if "_addanother" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, f"Added the story “{obj}”: add its sources below.")
        return HttpResponseRedirect(reverse("admin:sources_story_change", args=[obj.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, object_id)
        if story is not None:
            can_add = request.user.has_perm("sources.add_source")
            imports = ImportJob.objects.filter(story=story).exclude(status=ImportJob.Status.DONE)
            failed = imports.filter(
                status=ImportJob.Status.FAILED, requested_by=request.user
            ).first()  # its address is kept in the form, to correct and import again
            extra_context = {
                **(extra_context or {}),
                "story_sources": story.sources.select_related("duplicate_of").order_by(
                    *Source._meta.ordering
                ),
                "story_imports": imports[:10],
                "can_add_source": can_add and story.status == Story.Status.OPEN,
                "paste_form": PasteForm(),
                "import_form": ImportForm(initial={"url": failed.url if failed else ""}),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_sources=Count("sources"))
            .order_by("-updated_at")
        )

    @admin.display(description="Sources", ordering="n_sources")
    def source_count(self, obj: Story) -> int:
        return obj.n_sources

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class HasSuggestionFilter(admin.SimpleListFilter):
    title = "has suggestion"
    parameter_name = "suggested"

    def lookups(self, request, model_admin):
        return (("yes", "Yes"), ("no", "No"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(suggested_story__isnull=False)
        if self.value() == "no":
            return queryset.filter(suggested_story__isnull=True)
        return queryset


class NearCopyFilter(admin.SimpleListFilter):
    title = "near-copy"
    parameter_name = "copy"

    def lookups(self, request, model_admin):
        return (("yes", "Near-copy of another source"), ("no", "Original"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(duplicate_of__isnull=False)
        if self.value() == "no":
            return queryset.filter(duplicate_of__isnull=True)
        return queryset


class InstructionsFilter(admin.SimpleListFilter):
    title = "text addressed to an AI"
    parameter_name = "ai_text"

    def lookups(self, request, model_admin):
        return (("yes", "Has sentences addressed to an AI"),)

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(instructions=[])
        return queryset


class SourceForm(forms.ModelForm):
    """Editing a stored source: the text must stay unique (the hashes follow it)."""

    class Meta:
        model = Source
        fields = (
            "title", "text", "outlet", "author", "url", "canonical_url", "published_at",
            "language", "origin", "story", "suggested_story", "duplicate_of",
        )  # fmt: skip

    def clean_title(self) -> str:
        return nfc(self.cleaned_data["title"])

    def clean_text(self) -> str:
        text = nfc(self.cleaned_data["text"]).strip()
        same = (
            Source.objects.filter(content_hash=dedup.content_hash(text))
            .exclude(pk=self.instance.pk)
            .first()
        )
        if same is not None:
            raise forms.ValidationError(f"The same text is already stored as “{same.title}”.")
        return text


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = (
        "title", "outlet", "published_at", "story", "suggestion", "origin", "duplicate_of",
        "addressed_to_ai",
    )  # fmt: skip
    list_filter = (
        HasSuggestionFilter,
        InstructionsFilter,
        NearCopyFilter,
        "origin",
        "outlet",
        "story",
        ("published_at", admin.DateFieldListFilter),
        "feed",
    )
    search_fields = ("title", "text", "outlet", "author", "url", "canonical_url")
    list_select_related = ("story", "suggested_story", "duplicate_of")
    date_hierarchy = "published_at"
    autocomplete_fields = ("story", "suggested_story", "duplicate_of")
    readonly_fields = (
        "content_hash", "fetched_at", "feed", "feed_entry_id", "fetch_note", "added_by",
        "created_at", "suggestion_score",
    )  # fmt: skip
    actions = [
        "confirm_suggested_story",
        "move_to_story",
        "split_into_new_story",
        "create_story_from_selected",
    ]

    def get_readonly_fields(self, request, obj=None):
        """The encoding is shown only when it was guessed or bytes were replaced; sentences
        addressed to an AI model only when the text has some."""
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.encoding_note:
            fields = (*fields, "encoding", "encoding_note")
        if obj is not None and obj.instructions:
            fields = (*fields, "addressed_to_ai")
        return fields

    @admin.display(description="Addressed to an AI")
    def addressed_to_ai(self, obj: Source) -> str:
        """The sentences that read as orders to an AI model (prompt injection): never drafted
        from, never evidence."""
        sentences = obj.instruction_sentences
        if not sentences:
            return "—"
        shown = "; ".join(f"“{Truncator(s).chars(120)}”" for s in sentences[:3])
        more = f" and {len(sentences) - 3} more" if len(sentences) > 3 else ""
        return f"⚠ {len(sentences)}: {shown}{more}"

    @admin.display(description="Suggested story", ordering="suggestion_score")
    def suggestion(self, obj: Source) -> str:
        if obj.suggested_story is None:
            return "—"
        return f"{obj.suggested_story} ({obj.suggestion_score or 0:.0%})"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="sources_source_import"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """Sources are added through the paste form, which de-duplicates them."""
        return self.paste_view(request)

    def save_model(self, request, obj, form, change):
        if "text" in form.changed_data or not obj.content_hash:
            for name, value in services.text_fields(obj.text).items():
                setattr(obj, name, value)
        if "canonical_url" in form.changed_data and obj.canonical_url:
            obj.canonical_url = dedup.canonicalize_url(obj.canonical_url)
        super().save_model(request, obj, form, change)

    def _context(self, request: HttpRequest, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    # ------------------------------------------------------------------ paste and import

    def paste_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        duplicate = None
        form = PasteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            result = services.add_source(
                title=data["title"],
                text=data["text"],
                origin=Source.Origin.PASTE,
                outlet=data["outlet"],
                author=data["author"],
                url=data["url"],
                published_at=data["published_at"],
                story=data["story"],
                user=request.user,
            )
            if result.created:
                self.message_user(request, result.message, messages.SUCCESS)
                return _after_adding(result.source.story)
            duplicate = result
        return TemplateResponse(
            request,
            "admin/sources/source/paste.html",
            self._context(request, "Paste a source", form=form, duplicate=duplicate),
        )

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        job = None
        if request.method == "POST":
            form = ImportForm(request.POST)
            if form.is_valid():
                story = form.cleaned_data["story"]
                job = importing.start_import(
                    form.cleaned_data["url"], story=story, user=request.user
                )
                if story is not None:
                    self.message_user(request, f"Importing {job.url}: it appears below when done.")
                    return redirect(story.get_admin_url())
                return HttpResponseRedirect(
                    f"{reverse('admin:sources_source_import')}?job={job.pk}"
                )
        else:
            job_id = request.GET.get("job", "")
            if job_id.isdigit():
                job = (
                    ImportJob.objects.filter(pk=job_id, requested_by=request.user)
                    .select_related("source", "story")
                    .first()
                )
            if job is not None:
                importing.expire_if_stale(job)
            keep = job is not None and job.status != ImportJob.Status.DONE
            form = ImportForm(initial={"url": job.url, "story": job.story_id} if keep else None)
        recent = ImportJob.objects.filter(requested_by=request.user).select_related("source")[:10]
        return TemplateResponse(
            request,
            "admin/sources/source/import.html",
            self._context(request, "Import a source from a URL", form=form, job=job, recent=recent),
        )

    # ------------------------------------------------------------------ story actions

    @admin.action(description="Confirm suggested story", permissions=["change"])
    def confirm_suggested_story(self, request: HttpRequest, queryset) -> None:
        sources = list(queryset.filter(suggested_story__isnull=False))
        confirmed = sum(services.confirm_suggestion(source) for source in sources)
        skipped = queryset.count() - confirmed
        if confirmed:
            moved = f"Moved {confirmed} source(s) into their suggested story."
            self.message_user(request, moved, messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} selected source(s) had no suggestion.", messages.WARNING
            )

    @admin.action(description="Move to story…", permissions=["change"])
    def move_to_story(self, request: HttpRequest, queryset) -> HttpResponse | None:
        if "apply" in request.POST:
            form = MoveToStoryForm(request.POST)
            if form.is_valid():
                story = form.cleaned_data["story"]
                moved = services.move_to_story(list(queryset), story)
                self.message_user(
                    request,
                    format_html(
                        "Moved {} source(s) to <a href='{}'>{}</a>.",
                        moved,
                        story.get_admin_url(),
                        story,
                    ),
                    messages.SUCCESS,
                )
                return None
        else:
            form = MoveToStoryForm()
        return TemplateResponse(
            request,
            "admin/sources/source/move_to_story.html",
            self._context(
                request,
                "Move sources to a story",
                form=form,
                sources=queryset,
                action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
            ),
        )

    @admin.action(description="Split into a new story", permissions=["change"])
    def split_into_new_story(self, request: HttpRequest, queryset) -> None:
        try:
            story = services.split_into_new_story(list(queryset), user=request.user)
        except services.SplitRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return
        self._created(request, story, "Split into a new story")

    @admin.action(description="Create story from selected sources", permissions=["change"])
    def create_story_from_selected(self, request: HttpRequest, queryset) -> None:
        story = services.create_story_from_sources(list(queryset), user=request.user)
        self._created(request, story, "Created the story")

    def _created(self, request: HttpRequest, story: Story, what: str) -> None:
        self.message_user(
            request,
            format_html(
                "{} <a href='{}'>{}</a> with {} source(s); rename it there if needed.",
                what,
                story.get_admin_url(),
                story,
                story.sources.count(),
            ),
            messages.SUCCESS,
        )


def _after_adding(story: Story | None) -> HttpResponse:
    """Back to the story the source joined (the hub), else to the list of sources."""
    if story is not None:
        return redirect(story.get_admin_url())
    return redirect("admin:sources_source_changelist")


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = (
        "__str__", "outlet", "is_active", "poll_interval", "last_success_at", "last_result",
        "short_error", "error_count", "next_poll_at",
    )  # fmt: skip
    list_filter = ("is_active", "outlet")
    search_fields = ("url", "title", "outlet")
    readonly_fields = (
        "etag", "last_modified", "last_polled_at", "last_success_at", "last_result",
        "last_error", "error_count", "created_at",
    )  # fmt: skip
    actions = ["poll_now"]
    change_form_template = "admin/sources/feed/change_form.html"

    @admin.display(description="Last error")
    def short_error(self, obj: Feed) -> str:
        return Truncator(obj.last_error).chars(120) if obj.last_error else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        items = []
        if object_id and str(object_id).isdigit():
            items = FeedItem.objects.filter(feed_id=object_id).select_related("source")[:50]
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), "feed_items": items}
        )

    @admin.action(description="Poll now", permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset) -> None:
        selected = list(queryset)
        if not queue.redis_enabled():  # no workers: poll here, and say what each poll did
            for feed, result in zip(selected, feeds.poll_feeds_now(selected), strict=True):
                level = messages.SUCCESS if result.ok else messages.ERROR
                self.message_user(request, f"Feed “{feed}”: {result.summary}.", level)
            return
        try:
            feeds.enqueue_polls(selected)
        except queue.QueueUnavailable as down:
            self.message_user(request, f"{down} Nothing was polled.", messages.ERROR)
            return
        self.message_user(
            request,
            f"Queued a poll of {len(selected)} feed(s); the results appear here when done.",
            messages.SUCCESS,
        )


@admin.register(FeedItem)
class FeedItemAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = ("__str__", "feed", "status", "attempts", "source", "updated_at")
    list_filter = ("status", "feed")
    search_fields = ("title", "link", "error")
    list_select_related = ("feed", "source")


@admin.register(ImportJob)
class ImportJobAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = ("url", "status", "error_code", "requested_by", "created_at", "source")
    list_filter = ("status", "error_code")
    search_fields = ("url", "error", "message")
    list_select_related = ("requested_by", "source")
