import pytest
from django.test import Client

from accounts.models import PhoneDevice
from accounts.tests.factories import PASSWORD
from accounts.tests.walks import sign_in
from accounts.user_sessions import device_name

CHROME_ON_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
)
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Mobile/15E148 Safari/604.1"
)
EDGE_ON_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0"
)
FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0"


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (CHROME_ON_LINUX, "Chrome on Linux"),
        (SAFARI_ON_IPHONE, "Safari on iOS"),
        (EDGE_ON_MAC, "Edge on macOS"),
        (FIREFOX_ON_WINDOWS, "Firefox on Windows"),
    ],
)
def test_a_session_is_named_by_its_browser_and_operating_system(user_agent, name):
    assert device_name(user_agent) == name


def test_a_user_agent_that_names_only_a_program_is_shown_as_that_program():
    assert device_name("python-requests/2.31") == "Python Requests"


def test_an_empty_or_unreadable_user_agent_is_an_unknown_device():
    assert device_name("") == "Unknown device"
    assert device_name("???") == "Unknown device"


@pytest.mark.django_db
def test_the_profile_lists_each_session_as_browser_on_system_not_the_raw_user_agent(employee):
    client = Client(HTTP_USER_AGENT=CHROME_ON_LINUX)
    sign_in(client, "msantos", PASSWORD, PhoneDevice.objects.get(user=employee).number)
    page = client.get("/accounts/profile/").content.decode()
    assert "Chrome on Linux <strong>(this session)</strong>" in page
    assert "X11; Linux x86_64" not in page
