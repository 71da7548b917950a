"""Admin forms for collecting sources."""

from django import forms

from .models import Story
from .text import MAX_TEXT_CHARS


def _open_stories():
    return Story.objects.filter(status=Story.Status.OPEN).order_by("-updated_at")


class PasteForm(forms.Form):
    """A source typed or pasted by an editor; only the text is required."""

    field_order = ["title", "text", "outlet", "author", "url", "published_at", "story"]

    text = forms.CharField(
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 90}),
        help_text="The article's text. Boilerplate such as “Advertisement” lines is ignored "
        "when checking for duplicates.",
    )
    title = forms.CharField(
        max_length=500, required=False, help_text="Leave empty to use the first line."
    )
    outlet = forms.CharField(max_length=200, required=False)
    author = forms.CharField(max_length=300, required=False)
    url = forms.URLField(label="URL", max_length=2000, required=False, assume_scheme="https")
    published_at = forms.DateTimeField(
        label="Published",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    story = forms.ModelChoiceField(
        queryset=_open_stories(), required=False, help_text="Optional: an open story."
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Paste the article's text.")
        return text


class ImportForm(forms.Form):
    """A URL to import, and optionally the story to put the source in."""

    url = forms.URLField(
        label="URL",
        max_length=2000,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"size": 90, "autofocus": True}),
        help_text="An article page (http or https). It is fetched, its text extracted and "
        "de-duplicated against the stored sources.",
    )
    story = forms.ModelChoiceField(
        queryset=_open_stories(), required=False, help_text="Optional: an open story."
    )


class MoveToStoryForm(forms.Form):
    """The intermediate page of the "Move to story…" action."""

    story = forms.ModelChoiceField(queryset=_open_stories(), empty_label=None)
