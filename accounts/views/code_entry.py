"""What a person is told when a typed code is refused, shared by every flow that asks for one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from accounts.codes import CodeCheck

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

CODE_MESSAGES: dict[CodeCheck, StrPromise] = {
    CodeCheck.WRONG: _("That code is not right. Check the code and try again."),
    CodeCheck.EXPIRED: _("That code has expired. Send a new code."),
    CodeCheck.VOIDED: _("That code is not right, and it can no longer be used. Send a new code."),
    CodeCheck.NO_CODE: _("That code can no longer be used. Send a new code."),
    CodeCheck.TOO_SOON: _("Please wait a few seconds before trying another code."),
}
