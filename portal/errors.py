"""When a backend is down: a friendly page with the help phone, never Django's bare "Server Error (500)".

`server_error` is the handler500, which Django calls for any exception a request raised, in whichever layer
(a view, the session or authentication middleware): when the exception is a backend's (a database, cache or
broker call refused or timed out) it answers the 503 page with a Retry-After, the same request likely to work
soon; anything else gets the 500 page. Both pages use a layout that needs neither the database nor the cache,
since either may be what failed.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Failures of a backend (unreachable, timed out, gone away), not of the request: the same request may work soon.
BACKEND_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, RedisError, BrokerError)
RETRY_AFTER_SECONDS = 30


def is_backend_down(error: BaseException) -> bool:
    """A refused or timed-out connection, a cancelled statement (Django wraps the driver's errors as its own)."""
    return isinstance(error, BACKEND_ERRORS)


def error_page(template: str, status: int) -> HttpResponse:
    body = loader.get_template(template).render({"administrator": settings.ADMINISTRATOR})
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def service_unavailable() -> HttpResponse:
    response = error_page("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500, called while the request's exception is being handled (Django has logged it)."""
    error = sys.exc_info()[1]
    if error is not None and is_backend_down(error):
        return service_unavailable()
    return error_page("500.html", 500)
