from django.urls import path

from cases.case_time_flow import CaseTimeWizard
from cases.views import case_time, documents, history

app_name = "cases"
urlpatterns = [
    path("", history.history, name="history"),
    # "Submit new absence time": /cases/case-time/<draft id>/<step>/, generated from the flow's step list.
    *CaseTimeWizard.urlpatterns(),
    path("<str:case_number>/", history.case_detail, name="detail"),
    path("<str:case_number>/timeline/", history.timeline, name="timeline"),
    path("<str:case_number>/time/new/", case_time.start_case_time, name="start_case_time"),
    path("<str:case_number>/time/submitted/<uuid:draft_id>/", case_time.case_time_submitted, name="time_submitted"),
    path("<str:case_number>/time/<int:entry_id>/", history.time_entry_detail, name="time_entry"),
    path("<str:case_number>/documents/add/", documents.choose_document_type, name="choose_document_type"),
    path("<str:case_number>/documents/add/<str:document_type>/", documents.upload_document, name="upload_document"),
    path("<str:case_number>/documents/<int:document_id>/", documents.download_document, name="download_document"),
]
