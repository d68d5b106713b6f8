"""Forms of the case pages: the document upload (the time report reuses the intake day-entry steps)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from cases.documents.checks import ACCEPT_ATTRIBUTE, TOO_LARGE
from uswds.forms import PortalForm


class DocumentFileInput(forms.FileInput):
    """A native file input that cases-file-chooser.js dresses as "NO FILE CHOSEN" / "CHOOSE FILE".

    USWDS's own file-input script would replace those words with its drag-and-drop text, so this
    input does not carry the `usa-file-input` class; without JavaScript it stays the native input.
    """

    template_name = "cases/widgets/file_chooser.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        classes = context["widget"]["attrs"].get("class", "").split()
        context["widget"]["attrs"]["class"] = " ".join(
            ["cases-file-chooser__input"] + [css for css in classes if css != "usa-file-input"]
        )
        return context


class DocumentUploadForm(PortalForm):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("A PDF, JPEG, PNG or TIFF file, up to 10 MB."),
        widget=DocumentFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("The selected file is empty. Choose a file that has content."),
            "invalid": _("The file could not be read. Choose the file again."),
        },
    )

    @classmethod
    def refused_as_too_large(cls) -> DocumentUploadForm:
        """The form as shown when the request was refused for its size before the file was read."""
        form = cls(data={}, files=MultiValueDict())
        form.is_valid()
        form.errors["file"] = form.error_class([str(TOO_LARGE)], renderer=form.renderer)
        return form
