from django.urls import path

from cases.views import documents, history

app_name = "cases"
urlpatterns = [
    path("", history.history, name="history"),
    # "Submit new absence time" (/cases/case-time/..., /cases/<number>/time/...) is intake's: config/urls.py.
    path("<str:case_number>/", history.case_detail, name="detail"),
    path("<str:case_number>/timeline/", history.timeline, name="timeline"),
    path("<str:case_number>/time/<int:entry_id>/", history.time_entry_detail, name="time_entry"),
    path("<str:case_number>/documents/add/", documents.choose_document_type, name="choose_document_type"),
    path("<str:case_number>/documents/add/<str:document_type>/", documents.upload_document, name="upload_document"),
    path("<str:case_number>/documents/<int:document_id>/", documents.download_document, name="download_document"),
]
