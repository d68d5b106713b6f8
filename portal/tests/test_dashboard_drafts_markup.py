"""The dashboard's requests in progress, rendered from fragments (portal.drafts.render_drafts), read exactly as
the template loop that rendered them before: the same markup byte for byte, every value escaped."""

from uuid import uuid4

import pytest
from django.template import Context, Template

from intake.models import Draft, FlowType
from portal.drafts import DraftSummary, render_drafts

# templates/portal/dashboard_drafts.html as it was before the lines became fragments.
LOOP_TEMPLATE = """{% load i18n %}{% if drafts %}
<section class="portal-drafts" aria-labelledby="drafts-heading">
  <h2 id="drafts-heading">{% translate "Requests in progress" %}</h2>
  <p>{% translate "Your answers are saved as you go. Continue where you stopped, or delete a request you no longer need." %}</p>
  <ul class="usa-list usa-list--unstyled portal-drafts__list">
    {% for summary in drafts %}
    <li class="portal-drafts__item">
      <span class="portal-drafts__what"><strong>{{ summary.what }}</strong>, {% blocktranslate with started=summary.started %}started {{ started }}{% endblocktranslate %}</span>
      <span class="portal-drafts__actions">
        <a class="usa-button" href="{% url 'intake:resume' draft_id=summary.draft.id %}">{% translate "Continue" %}<span class="usa-sr-only"> {{ summary.what }}</span></a>
        <form method="post" action="{% url 'intake:delete' draft_id=summary.draft.id %}" class="portal-inline-form">
          {% csrf_token %}
          <button type="submit" class="usa-button usa-button--secondary">{% translate "Delete" %}<span class="usa-sr-only"> {{ summary.what }}</span></button>
        </form>
      </span>
    </li>
    {% endfor %}
  </ul>
</section>
{% endif %}
"""  # noqa: E501 - the template's own lines
TOKEN = "t0k3n" * 12


def summary(what: str, started: str) -> DraftSummary:
    return DraftSummary(draft=Draft(id=uuid4(), flow=FlowType.LEAVE), what=what, started=started)


@pytest.mark.parametrize(
    "drafts",
    [
        [],
        [summary("Unplanned absence for Dec 3", "Dec 1")],
        [
            summary("Leave of absence: Bonding with a Child for Dec 3 – Dec 10", "Nov 28"),
            summary('Unplanned absence (for O\'Brien & <Sons> "Ltd")', "Jan 2, 2025"),
            summary("Leave of absence", "Dec 2"),
        ],
    ],
    ids=["none", "one", "three, with characters to escape"],
)
def test_the_requests_in_progress_read_as_the_template_loop_rendered_them(drafts):
    before = Template(LOOP_TEMPLATE).render(Context({"drafts": drafts, "csrf_token": TOKEN}))
    assert str(render_drafts(drafts, TOKEN)) == before
    assert str(render_drafts(drafts, TOKEN)) == before  # and again, from the fragments kept
