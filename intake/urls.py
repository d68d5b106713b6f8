from django.urls import path

from intake import views
from intake.flows import LeaveWizard, UnplannedWizard

app_name = "intake"
urlpatterns = [
    path("", views.start, name="start"),
    path("file-for/", views.file_for, name="file_for"),
    path("file-for/employee/", views.choose_employee, name="choose_employee"),
    path("absence-type/", views.absence_type, name="absence_type"),
    path("cases/<str:case_number>/reason/", views.add_reason, name="add_reason"),
    path("other/", views.other, name="other"),
    path("drafts/<uuid:draft_id>/", views.resume, name="resume"),
    path("drafts/<uuid:draft_id>/delete/", views.delete, name="delete"),
    path("drafts/<uuid:draft_id>/confirmation/", views.confirmation, name="confirmation"),
    *LeaveWizard.urlpatterns(),
    *UnplannedWizard.urlpatterns(),
]
