"""What a person is told when a typed code is refused, or a code could not be sent, in every flow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from accounts.codes import CodeCheck
from accounts.sending_limits import SendingRefusal

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

CODE_MESSAGES: dict[CodeCheck, StrPromise] = {
    CodeCheck.WRONG: _("That code is not right. Check the code and try again."),
    CodeCheck.EXPIRED: _("That code has expired. Send a new code."),
    CodeCheck.VOIDED: _("That code is not right, and it can no longer be used. Send a new code."),
    CodeCheck.NO_CODE: _("That code can no longer be used. Send a new code."),
    CodeCheck.TOO_SOON: _("Please wait a few seconds before trying another code."),
}


def refusal_context(refusal: SendingRefusal | None) -> dict[str, Any]:
    """The page's one message about a refused send, and whether to offer "Call Me" beside it."""
    if refusal is None:
        return {}
    return {"error": refusal.message, "offer_call": refusal.offers_call}
