"""The condition search endpoint: the matches fragment the picker swaps in as the employee types."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from conditions.forms import ADD_REASON, MATCH_LIMIT
from conditions.search import MAX_QUERY_LENGTH, search_reasons


@require_GET
@never_cache  # the query may name a medical condition: keep it out of shared caches
def search(request: HttpRequest) -> HttpResponse:
    """`conditions/_matches.html` for `?q=`: the matches as add buttons, or the offer to add the typed text.

    Always the fragment: the page around it is the form step that includes `conditions/_picker.html`.
    """
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    matches = search_reasons(query, MATCH_LIMIT) if query else []
    return render(request, "conditions/_matches.html", {"query": query, "matches": matches, "add_name": ADD_REASON})
