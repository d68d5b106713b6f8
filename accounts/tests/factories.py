"""Account factories: people with accounts, as registration would leave them.

user = UserFactory()                             # an account and nothing else (staff, supervisors off the roster)
employee = EmployeeFactory()                     # an account linked to a roster record, password "Str0ng!pass"
employee = EmployeeWithPhoneFactory()            # … and a verified phone by text message, as registration ends
employee = EmployeeWithPhoneFactory(phone__method="voice")
employee.roster_record                           # a RosterRecord from roster.tests.factories
"""

from __future__ import annotations

import factory

from accounts.models import ContactMethod, PhoneDevice, User
from roster.tests.factories import RosterRecordFactory

PASSWORD = "Str0ng!pass"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Example"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(PASSWORD)


class PhoneDeviceFactory(factory.django.DjangoModelFactory[PhoneDevice]):
    class Meta:
        model = PhoneDevice

    name = "phone"
    number = factory.Sequence(lambda n: f"+1617555{1000 + n % 9000:04d}")
    method = ContactMethod.SMS
    confirmed = True


class EmployeeFactory(UserFactory):
    """An employee with an account: a roster record under the same name, no phone."""

    roster_record = factory.SubFactory(
        RosterRecordFactory,
        first_name=factory.SelfAttribute("..first_name"),
        last_name=factory.SelfAttribute("..last_name"),
    )


class EmployeeWithPhoneFactory(EmployeeFactory):
    """A registered employee as registration leaves one: roster record, password, verified phone."""

    phone = factory.RelatedFactory(PhoneDeviceFactory, factory_related_name="user")
