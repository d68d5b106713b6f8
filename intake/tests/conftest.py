"""Fixtures the intake's tests share."""

import pytest

from intake.tests.people import supervisor_and_employee


@pytest.fixture
def maria(client):
    """Maria, an employee with a supervisor on the roster, signed in on the test client."""
    _, employee = supervisor_and_employee()
    client.force_login(employee)
    return employee
