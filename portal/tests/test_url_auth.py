"""Sign-in guards every URL but the public pages listed here (after get.gov's test_url_auth).

Every URL pattern is walked (the admin aside: it has its own staff sign-in) and requested signed out with
real sample values: a draft that exists, of the flow the page belongs to; the number of a case that
exists; that case's time entry and document... So each request gets as far as the sign-in
check instead of stopping at "not found", and a private URL must answer a redirect to sign-in or 403,
nothing else. A URL added later is covered without a change here, unless it brings a new kind of
parameter: then the test fails and names the pattern that needs a sample in SAMPLES.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.http import HttpResponseBase
from django.shortcuts import resolve_url
from django.templatetags.static import static
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import get_converters
from django.urls.resolvers import RoutePattern

from accounts.models import User, UserSession
from cases.models import Case, Document, LeavePattern, TimeEntry
from cases.tests.factories import CaseFactory, DocumentFactory, LeavePeriodFactory, TimeEntryFactory
from intake.models import Draft, FlowType
from letters.models import Letter, LetterKind

pytestmark = pytest.mark.django_db

# The pages a signed-out person must reach, by URL name, with the reason the consumer portal's user guide
# gives for each (the desk's sign-in is in the README's demo identities). Their views use
# login_not_required; every other view is behind LoginRequiredMiddleware.
PUBLIC = {
    "portal:home": "the home page: the Consumer Portal Log In and Registration links",
    "portal:terms_and_conditions": "Terms and Conditions, linked from registration, before there is an account",
    "portal:terms_of_use": "Terms of Use, linked from registration, before there is an account",
    "portal:contact_us": "Contact Us, where the date questions send someone whose day is too far back to call",
    "portal:healthz": "liveness, for the load balancer and the monitoring, which never sign in",
    "portal:readyz": "readiness (database, Redis, migrations), for the load balancer and the monitoring",
    "accounts:login": "Log in: username and password",
    "accounts:login_verify": "Log in: the two-step code, before the sign-in is complete",
    "accounts:login_resend": "Log in: another two-step code",
    "accounts:logout": "signing out, and the signed-out page after it",
    "accounts:register": "Registration: first name, last name, home ZIP code and birthdate",
    "accounts:register_employee_number": "Registration: the employee number",
    "accounts:register_username_password": "Registration: choose a username and password",
    "accounts:register_two_step": "Registration: two-step authentication",
    "accounts:register_phone": "Registration: the phone number and the method of contact",
    "accounts:register_verify": "Registration: the verification code",
    "accounts:register_resend": "Registration: another verification code",
    "accounts:register_complete": "Registration: done, log in",
    "accounts:register_not_verified": "Registration: the identity could not be verified (call the ESC)",
    "accounts:register_start_over": "Registration: start again",
    "accounts:password_rules": "Registration: the password rules checked as the password is typed",
    "accounts:two_step_faq": "the two-step FAQ document linked from registration",
    "accounts:forgot_user_id": "Forgot User ID?",
    "accounts:forgot_user_id_sent": "Forgot User ID?: the username was sent",
    "accounts:reset_password": "Reset Password: the username",
    "accounts:reset_password_verify": "Reset Password: the code sent to the phone",
    "accounts:reset_password_resend": "Reset Password: another code",
    "accounts:reset_password_new": "Reset Password: the new password",
    "accounts:reset_password_done": "Reset Password: done, log in",
    "accounts:session_extend": "'Stay logged in' in the idle-timeout warning (a 401 once the session is gone)",
    "accounts:session_ended": "where an ended session lands, signed out",
    "desk:login": "the desk's own sign-in for case specialists and HR professionals",
}
# Static files are served by WhiteNoise before any view: one stands for them all.
PUBLIC_FILES = ["css/portal.css"]
# Desk pages for supervisors, who are ordinary employees: every other desk page is for staff only.
SUPERVISOR_PAGES = {"desk:team"}

CONVERTER_NAMES = {type(converter): name for name, converter in get_converters().items()}
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern with the route of its includes: "cases/<str:case_number>/" named "cases:detail"."""

    route: str
    name: str | None
    pattern: URLPattern = field(compare=False)
    parameters: dict[str, str] = field(compare=False)  # parameter: its converter's name ("uuid", "int"...)

    def __str__(self) -> str:
        return f"/{self.route}"

    @property
    def is_public(self) -> bool:
        return self.name in PUBLIC


def parameters_of(entry: URLPattern | URLResolver) -> dict[str, str]:
    if isinstance(entry.pattern, RoutePattern):
        return {name: CONVERTER_NAMES[type(converter)] for name, converter in entry.pattern.converters.items()}
    return dict.fromkeys(entry.pattern.regex.groupindex, "regex")  # no converter: SAMPLES has none


def iter_routes(
    resolver: URLResolver, prefix: str = "", namespace: str = "", parameters: dict[str, str] | None = None
) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        found = {**(parameters or {}), **parameters_of(entry)}
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue  # the admin has its own staff sign-in, tested by Django
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            yield from iter_routes(entry, route, inner, found)
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(route=route, name=name, pattern=entry, parameters=found)


ROUTES = list(iter_routes(get_resolver()))
ROUTES_BY_NAME = {route.name: route for route in ROUTES if route.name}
PRIVATE = [route for route in ROUTES if not route.is_public]
DESK = [route for route in PRIVATE if route.name and route.name.startswith("desk:")]


def wizard_of(route: Route) -> Any:
    """The Wizard class of a step page (Wizard.urlpatterns() passes it to the view), else None."""
    return getattr(route.pattern.callback, "view_initkwargs", {}).get("wizard_class")


@dataclass
class Samples:
    """One of everything a URL can name, all belonging to the named employee (Maria Santos)."""

    drafts: dict[FlowType, Draft]
    case: Case
    time_entry: TimeEntry
    document: Document
    letter: Letter
    session: UserSession

    def draft_for(self, route: Route) -> Draft:
        """The draft of the page's own flow: a wizard step 404s for a draft of another flow."""
        wizard = wizard_of(route)
        if wizard is not None:
            return self.drafts[wizard.flow_type]
        if "case_number" in route.parameters:
            return self.drafts[FlowType.CASE_TIME]  # time reported on that case
        return self.drafts[FlowType.LEAVE]  # resume, delete, confirmation: any flow's draft


# A real value for each URL parameter, by converter and name.
SAMPLES: dict[tuple[str, str], Callable[[Samples, Route], Any]] = {
    ("uuid", "draft_id"): lambda samples, route: samples.draft_for(route).id,
    ("str", "case_number"): lambda samples, route: samples.case.case_number,
    ("int", "entry_id"): lambda samples, route: samples.time_entry.pk,
    ("str", "document_type"): lambda samples, route: samples.document.document_type,
    ("int", "document_id"): lambda samples, route: samples.document.pk,
    ("int", "letter_id"): lambda samples, route: samples.letter.pk,
    ("int", "session_id"): lambda samples, route: samples.session.pk,
}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is right for real passwords and slow for a user in each of a hundred tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def samples(employee: User) -> Samples:
    case = CaseFactory.create(employee=employee, pattern=LeavePattern.INTERMITTENT)
    LeavePeriodFactory.create(case=case)
    drafts = {
        flow: Draft.objects.create(owner=employee, flow=flow, case=case if flow == FlowType.CASE_TIME else None)
        for flow in FlowType
    }
    return Samples(
        drafts=drafts,
        case=case,
        time_entry=TimeEntryFactory.create(case=case),
        document=DocumentFactory.create(case=case),
        letter=Letter.objects.create(
            case=case,
            kind=LetterKind.FMLA_ELIGIBILITY,
            subject="Your FMLA eligibility and your rights and responsibilities",
            pdf="case-letters/url-auth-sample.pdf",
            size=1,
            sha256="0" * 64,
            dedupe_key="url-auth-sample-letter",
        ),
        session=UserSession.objects.create(user=employee, session_key="url-auth-sample-session"),
    )


def sample_url(route: Route, samples: Samples) -> str:
    missing = [
        f"<{converter}:{name}>" for name, converter in route.parameters.items() if (converter, name) not in SAMPLES
    ]
    if missing:
        pytest.fail(f"{route} needs a sample value for {', '.join(missing)}: add one to SAMPLES in {__name__}")

    def value(match: re.Match[str]) -> str:
        name = match["parameter"]
        converter = get_converters()[route.parameters[name]]
        return str(converter.to_url(SAMPLES[route.parameters[name], name](samples, route)))

    url = "/" + PARAMETER.sub(value, route.route)
    assert resolve(url).route == route.route, f"the sample URL {url} does not reach {route}"
    return url


def visit(client: Client, url: str) -> tuple[str, HttpResponseBase]:
    """GET the URL; for a POST-only view (405, as require_POST answers a GET), POST it too."""
    method = "GET"
    try:
        response = client.get(url)
        if response.status_code == 405:
            method = "POST"
            response = client.post(url)
    except Exception as error:  # a view reached without its guard often fails on the anonymous user
        raise AssertionError(f"{method} {url} raised {error!r}") from error
    return method, response


def sign_in_paths(route: Route) -> set[str]:
    paths = {resolve_url(settings.LOGIN_URL)}
    if route.name and route.name.startswith("desk:"):
        paths.add(reverse("desk:login"))
    return paths


def is_sent_to_sign_in(response: HttpResponseBase, url: str, route: Route) -> bool:
    """LoginRequiredMiddleware's answer: a redirect to sign-in with next= this URL, to come back after.

    (The two-step code page sends a visitor who has not given a password back to the password page, without
    a next: that is the sign-in's own order of steps, not a sign-in gate.)
    """
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    return location.path in sign_in_paths(route) and parse_qs(location.query).get("next") == [url]


def test_the_walk_reaches_every_kind_of_parameter_and_every_flow():
    used = {(converter, name) for route in PRIVATE for name, converter in route.parameters.items()}
    assert used == set(SAMPLES), "a URL parameter has no sample, or a sample is for no URL any more"
    flows = {wizard.flow_type for route in PRIVATE if (wizard := wizard_of(route)) is not None}
    assert flows == set(FlowType), "the walk does not reach a step of every flow"
    assert DESK, "the walk does not reach the desk"


@pytest.mark.parametrize("route", PRIVATE, ids=str)
def test_a_signed_out_visitor_is_sent_to_sign_in_or_refused(client, samples, route):
    url = sample_url(route, samples)
    method, response = visit(client, url)
    if response.status_code == 403:
        return
    assert response.status_code == 302, f"{method} {url} answered {response.status_code} to a signed-out visitor"
    assert is_sent_to_sign_in(response, url, route), (
        f"{method} {url} redirects a signed-out visitor to {response['Location']}, "
        f"not to sign-in ({' or '.join(sorted(sign_in_paths(route)))}) and back"
    )


def test_only_the_listed_public_pages_opt_out_of_sign_in():
    opted_out = {
        route.name or str(route) for route in ROUTES if not getattr(route.pattern.callback, "login_required", True)
    }
    assert opted_out == set(PUBLIC), "a view uses login_not_required without a reason in PUBLIC, or the reverse"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_a_public_page_answers_a_signed_out_visitor_itself(client, samples, name):
    route = ROUTES_BY_NAME.get(name)
    assert route is not None, f"PUBLIC lists {name}, which is no longer a URL"
    url = sample_url(route, samples)
    method, response = visit(client, url)
    assert response.status_code < 500, f"{method} {url} answered {response.status_code}"
    assert not is_sent_to_sign_in(response, url, route), f"{method} {url} sends a signed-out visitor to sign in"


@pytest.mark.parametrize("path", PUBLIC_FILES)
def test_static_files_are_public(client, path):
    response = client.get(static(path))
    assert response.status_code == 200
    response.close()


DESK_VISITS = [("employee", route) for route in DESK] + [
    ("supervisor", route) for route in DESK if route.name not in SUPERVISOR_PAGES
]


@pytest.mark.parametrize(("person", "route"), DESK_VISITS, ids=str)
def test_a_signed_in_employee_or_supervisor_is_refused_the_staff_pages(client, samples, request, person, route):
    """The sample case is the employee's own, and the supervisor's report's: still no desk page for them."""
    client.force_login(request.getfixturevalue(person))
    url = sample_url(route, samples)
    method, response = visit(client, url)
    assert response.status_code in (403, 404), f"{method} {url} answered {response.status_code} to the {person}"
