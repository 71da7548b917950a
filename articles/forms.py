from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

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
