from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from accounts.models import User
from audit.log import record, record_view_by_other
from audit.models import AppendOnlyError, AuditAction, AuditEvent
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_an_event_records_who_what_which_case_and_from_where(specialist):
    case = CaseFactory.create()
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    event = record(specialist, AuditAction.APPROVED, case=case, target="policy decision 4", request=request)
    event.refresh_from_db()
    assert event.actor == specialist
    assert event.actor_username == "cspecialist"
    assert event.case_number == case.case_number
    assert event.ip_address == "203.0.113.9"
    assert event.at.utcoffset() == timedelta(0)


def test_the_owner_looking_at_their_own_case_is_not_logged_but_anyone_else_is(specialist):
    case = CaseFactory.create()
    assert record_view_by_other(case.employee, case, AuditAction.VIEWED_REASONS) is None
    assert record_view_by_other(specialist, case, AuditAction.VIEWED_REASONS) is not None
    assert AuditEvent.objects.count() == 1


def test_an_event_cannot_be_changed_or_deleted_through_the_orm(specialist):
    event = record(specialist, AuditAction.RECORDED_CALL)
    event.detail = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().detail == ""


def test_the_database_refuses_an_update_that_goes_around_the_orm(specialist):
    event = record(specialist, AuditAction.RECORDED_CALL)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET detail = 'rewritten' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get().detail == ""


def test_admins_may_browse_the_log_but_not_add_change_or_delete(admin_client, specialist):
    event = record(specialist, AuditAction.CANCELLED_CASE, target="case 1")
    assert admin_client.get("/admin/audit/auditevent/").status_code == 200
    page = admin_client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert page.status_code == 200
    assert b"cspecialist" in page.content
    model_admin = site._registry[AuditEvent]
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="admin")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk).exists()
