from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import capfirst

from newsroom.admin_site import WrittenByServices

from . import admin_views, audit, checking, editing, provenance, workflow
from .admin_aicalls import AICallInline
from .cache import invalidate_article
from .forms import body_field
from .models import (
    AIAuthor,
    Article,
    AuditEvent,
    Claim,
    Comment,
    Correction,
    ErrorReport,
    Flag,
    Revision,
    Run,
    Section,
)
from .notifications import notify_assigned
from .preview import make_preview_url


class RefreshesPublicPages:
    """Sections and personas appear on every public page: a change makes cached pages stale."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(invalidate_article)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(invalidate_article)


@admin.register(Section)
class SectionAdmin(RefreshesPublicPages, admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(AIAuthor)
class AIAuthorAdmin(RefreshesPublicPages, admin.ModelAdmin):
    list_display = ("name", "slug", "is_active")
    list_filter = ("is_active",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "bio")


class FlagKindFilter(admin.SimpleListFilter):
    """Flag kinds by their names, not their codes."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = Flag.objects.order_by().values_list("kind", flat=True).distinct()
        return sorted(((k, Flag.label_for(k)) for k in kinds), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class FlagInline(admin.TabularInline):
    model = Flag
    fields = ("kind_label", "shown_excerpt", "reason", "status", "resolution")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


class ArticleForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    body = body_field(
        required=False,
        max_length=Article._meta.get_field("body").max_length,
        help_text="Citations are chips: Backspace next to one selects it, a second removes it "
        "whole. What you save is cleaned by the newsroom's HTML policy.",
    )

    class Meta:
        model = Article
        fields = (
            "headline", "slug", "dek", "body", "section", "story", "sources", "ai_author",
            "is_ai_generated", "disclaimer", "assignee",
        )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        if "slug" in self.fields and not self.instance.pk:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Left empty, it is made from the headline."

    def clean_version(self) -> int:
        """The version the editor started from; a new article (posted empty) starts at its
        default. Never None: the model column is NOT NULL."""
        return self.cleaned_data.get("version") or self.instance.version


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ("headline", "section", "status", "ai_author", "assignee", "updated_at")
    list_filter = ("status", "section", "ai_author", "is_ai_generated")
    search_fields = ("headline", "dek", "body", "slug")
    list_select_related = ("section", "ai_author", "assignee")
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ("story", "sources", "assignee")
    readonly_fields = (
        "status", "reviewed_by", "published_at", "content_updated_at", "created_by",
        "created_at", "updated_at",
    )  # fmt: skip
    fieldsets = (
        (None, {"fields": ("headline", "slug", "dek", "body", "version")}),
        ("Story and sources", {"fields": ("section", "story", "sources")}),
        ("Authorship", {"fields": ("ai_author", "is_ai_generated", "disclaimer", "reviewed_by")}),
        ("Workflow", {"fields": ("status", "assignee", "published_at", "content_updated_at",
                                 "created_by", "created_at", "updated_at")}),
    )  # fmt: skip
    inlines = [FlagInline, AICallInline]

    def view_on_site(self, obj: Article) -> str:
        """The public page once published; before that, a signed preview link."""
        if obj.status == Article.Status.PUBLISHED:
            return obj.get_absolute_url()
        return make_preview_url(obj)

    def get_readonly_fields(self, request, obj=None):
        """Published text changes only through a public correction; its authorship, disclaimer,
        section and address (what readers were shown as its provenance) only by reopening it,
        which sends it through review again."""
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            return (*fields, *editing.TEXT_FIELDS, *editing.PUBLISHED_FIXED)
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            return {}
        return super().get_prepopulated_fields(request, obj)

    @admin.display(description="Reviewed by")
    def reviewed_by(self, obj: Article) -> str:
        return ", ".join(u.get_full_name() or u.get_username() for u in obj.editors.all()) or "—"

    def get_urls(self):
        view = self.admin_site.admin_view
        site = self.admin_site
        return [
            path("<int:pk>/act/", view(admin_views.act), name="articles_article_act"),
            path("<int:pk>/runs.json", view(admin_views.run_status), name="articles_article_runs"),
            path("<int:pk>/review/", view(lambda r, pk: admin_views.review(r, pk, site)),
                 name="articles_article_review"),
            path("<int:pk>/review/flag/<int:flag_pk>/", view(admin_views.resolve),
                 name="articles_article_resolve"),
            path("<int:pk>/revisions/", view(lambda r, pk: admin_views.revisions(r, pk, site)),
                 name="articles_article_revisions"),
            path("<int:pk>/revisions/<int:number>/restore/", view(admin_views.restore),
                 name="articles_article_restore"),
            path("<int:pk>/draft-review/",
                 view(lambda r, pk: admin_views.review_draft(r, pk, site)),
                 name="articles_article_draft_review"),
            path("<int:pk>/comment/", view(admin_views.comment), name="articles_article_comment"),
            path("from-story/<int:story_pk>/", view(admin_views.draft_from_story),
                 name="articles_article_from_story"),
            path("<int:pk>/correct/", view(lambda r, pk: admin_views.correct(r, pk, site)),
                 name="articles_article_correct"),
            *super().get_urls(),
        ]  # fmt: skip

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            open_flags = sorted(
                article.flags.filter(status=Flag.Status.OPEN).select_related("claim"),
                key=lambda f: (f.priority, f.created_at),
            )
            extra_context = {
                **(extra_context or {}),
                "transitions": [
                    t
                    for t in workflow.available(article, request.user)
                    if t.name != "request_draft"
                ],
                "blockers": workflow.publish_blockers(
                    article,
                    approver=request.user
                    if request.user.has_perm("articles.publish_article")
                    else None,
                ),
                "open_flags": len(open_flags),
                "open_flag_list": open_flags,
                "segments": checking.flags_in_place(article, open_flags),
                "resolutions": checking.HUMAN_RESOLUTIONS,
                "can_resolve": request.user.has_perm("articles.resolve_flag"),
                "can_draft": request.user.has_perm("articles.request_draft")
                and article.status in (Article.Status.COLLECTING, Article.Status.EDITING),
                "can_check": request.user.has_perm("articles.run_factcheck"),
                "runs": article.runs.order_by("-created_at")[:5],
                "comments": article.comments.select_related("author").order_by("created_at"),
                "can_comment": request.user.has_perm("articles.add_comment"),
                "can_correct": request.user.has_perm("articles.add_public_correction")
                and article.status == Article.Status.PUBLISHED,
                "pending_draft": article.pending_draft_id
                and request.user.has_perm("articles.change_article"),
                "provenance": provenance.provenance(article) if request.method == "GET" else None,
            }
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except editing.EditConflict as conflict:
            return self._conflict(request, conflict)

    def _conflict(self, request, conflict: editing.EditConflict) -> TemplateResponse:
        """Show both versions; the editor's text is kept in a form ready to save again."""
        current = conflict.current
        mine = {f: request.POST.get(f, "") for f in editing.TEXT_FIELDS}
        differences = _differences(current, request.POST)
        chosen = {d["name"] for d in differences}
        carried = [
            (key, value)
            for key in request.POST
            if key not in (*editing.TEXT_FIELDS, "version", "csrfmiddlewaretoken", *chosen)
            for value in request.POST.getlist(key)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Someone else saved this article",
            "opts": self.opts,
            "article": current,
            "message": str(conflict),
            "mine": mine,
            "theirs": {f: getattr(current, f) for f in editing.TEXT_FIELDS},
            "carried": carried,
            "differences": differences,
            "current_version": current.version,
        }
        return TemplateResponse(
            request, "admin/articles/article/conflict.html", context, status=409
        )

    def save_model(self, request, obj, form, change):
        if not change:
            editing.prepare_new(obj, request.user)
            super().save_model(request, obj, form, change)
            editing.record_creation(obj, request.user)
            return
        changes = {f: getattr(obj, f) for f in form.changed_data if f in editing.EDITABLE_FIELDS}
        expected = form.cleaned_data.get("version") or obj.version
        if changes or expected != Article.objects.values_list("version", flat=True).get(pk=obj.pk):
            editing.save_article(obj, request.user, expected_version=expected, **changes)
            if "assignee" in changes:
                notify_assigned(obj, request.user)


def _differences(current: Article, posted) -> list[dict]:
    """The fields besides the text where the editor's form and the saved article differ: each
    with both values, so the editor chooses (the saved one by default) rather than silently
    writing back what they loaded before the other save ("Section: Transport, yours Local")."""
    out = []
    for name in editing.EDITABLE_FIELDS:
        if name in editing.TEXT_FIELDS or (name not in posted and name != "is_ai_generated"):
            continue
        field = Article._meta.get_field(name)
        saved = getattr(current, field.attname)
        if field.get_internal_type() == "BooleanField":
            saved_raw, mine_raw = ("on" if saved else ""), posted.get(name, "")
            show = {"on": "Yes", "": "No"}
        else:
            saved_raw, mine_raw = ("" if saved is None else str(saved)), posted.get(name, "")
            show = {}
            if field.is_relation:
                model = field.related_model
                for raw in (saved_raw, mine_raw):
                    found = model.objects.filter(pk=raw).first() if raw.isdigit() else None
                    show[raw] = str(found) if found else "—"
        if saved_raw != mine_raw:
            out.append(
                {
                    "name": name,
                    "label": capfirst(field.verbose_name),
                    "saved": saved_raw,
                    "mine": mine_raw,
                    "saved_shown": show.get(saved_raw, saved_raw or "—"),
                    "mine_shown": show.get(mine_raw, mine_raw or "—"),
                }
            )
    return out


@admin.register(Revision)
class RevisionAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = ("article", "number", "reason", "created_by", "created_at")
    list_filter = ("reason",)
    search_fields = ("article__headline", "note")
    list_select_related = ("article", "created_by")


@admin.register(Run)
class RunAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = (
        "__str__", "article", "kind", "status", "backend", "model", "attempts", "input_tokens",
        "output_tokens", "cost_usd", "latency_ms", "created_at",
    )  # fmt: skip
    list_filter = ("kind", "status", "backend")
    search_fields = ("article__headline", "error", "model")
    list_select_related = ("article",)


@admin.register(Claim)
class ClaimAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = ("__str__", "article", "verdict", "difference", "checked_at")
    list_filter = ("verdict", "difference")
    search_fields = ("text", "reason", "article__headline")
    list_select_related = ("article",)


@admin.register(Flag)
class FlagAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = ("__str__", "article", "kind_label", "status", "resolution", "resolved_by")
    list_filter = ("status", FlagKindFilter, "resolution")
    search_fields = ("excerpt", "reason", "article__headline")
    list_select_related = ("article", "resolved_by")


@admin.register(Correction)
class CorrectionAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = ("article", "kind", "created_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("note", "article__headline")
    list_select_related = ("article", "created_by")


@admin.register(Comment)
class CommentAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = ("__str__", "article", "author", "created_at")
    search_fields = ("text", "article__headline")
    list_select_related = ("article", "author")


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    change_form_template = "admin/articles/errorreport/change_form.html"
    list_display = ("article", "status", "created_at", "decided_by", "correction")
    list_filter = ("status",)
    search_fields = ("message", "article__headline")
    list_select_related = ("article", "decided_by", "correction")
    readonly_fields = (
        "article", "name", "email", "message", "status", "decision_note", "decided_by",
        "decided_at", "correction", "created_at",
    )  # fmt: skip
    exclude = ("ip_hash",)

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/triage/", view(admin_views.triage), name="articles_errorreport_triage"),
            *super().get_urls(),
        ]


@admin.register(AuditEvent)
class AuditEventAdmin(WrittenByServices, admin.ModelAdmin):
    change_list_template = "admin/articles/auditevent/change_list.html"
    list_display = ("created_at", "actor_repr", "action", "target_repr", "from_state", "to_state")
    list_filter = ("action", "actor", ("created_at", admin.DateFieldListFilter))
    search_fields = ("actor_repr", "target_repr", "reason")
    list_select_related = ("article",)
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def get_urls(self):
        return [
            path("export.csv", self.admin_site.admin_view(self.export_csv),
                 name="articles_auditevent_export"),
            *super().get_urls(),
        ]  # fmt: skip

    def export_csv(self, request):
        """The audit log as CSV, with the same filters and search as the list."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = self.get_changelist_instance(request).get_queryset(request)
        return audit.csv_response(rows)
