from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.forms.widgets import Script
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from newsroom.sanitize import clean_html

from .moderation import REPORT_MAX_CHARS


class ErrorReportForm(forms.Form):
    """A reader's error report. ``website`` is a honeypot: people never see or fill it."""

    message = forms.CharField(
        label="What is wrong?",
        max_length=REPORT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": REPORT_MAX_CHARS}),
        help_text="Quote the sentence and tell us what the correct fact is, with a source if "
        "you have one.",
    )
    name = forms.CharField(label="Your name (optional)", max_length=100, required=False)
    email = forms.EmailField(
        label="Email (optional, if you want a reply)", max_length=254, required=False
    )
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.add_input(Submit("submit", "Send report"))

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


# What the body editor offers: the nodes and marks the one HTML policy keeps
# (newsroom/sanitize.py), and the citation marker as one atomic chip. "Citation", "Section" and
# "KeepClasses" are ours (articles/static/articles/body_editor.js).
BODY_EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Citation": True,
    "Section": True,
    "KeepClasses": True,
}


class BodyEditorWidget(AdminProseEditorWidget):
    """django-prose-editor's admin widget, started by our own static module: it imports the
    package's editor by relative path, so no inline import map is needed under the CSP."""

    @property
    def media(self) -> forms.Media:
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "articles/body_editor.css",
                ]
            },
            js=[Script("articles/body_editor.js", type="module")],
        )

    def format_value(self, value) -> str | None:
        """The editor builds its document from this value in the live page, so it is shown
        only as the one policy leaves it: a form sent back with errors must not hand the editor
        the raw HTML that was posted."""
        value = super().format_value(value)
        return clean_html(value) if value else value


def body_field(**kwargs) -> forms.CharField:
    """The article body in the rich-text editor. The editor's HTML is not trusted: the
    services clean every saved body with the one policy (``editing.clean_body``)."""
    return ProseEditorFormField(
        extensions=BODY_EDITOR_EXTENSIONS,
        preset="newsroom",
        sanitize=False,
        widget=BodyEditorWidget,
        **kwargs,
    )
