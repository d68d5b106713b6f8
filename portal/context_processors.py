from typing import Any

from django.conf import settings
from django.http import HttpRequest


def administrator(request: HttpRequest) -> dict[str, Any]:
    """The administrator's name and help lines, shown in the header and the help footer."""
    return {"administrator": settings.ADMINISTRATOR}
