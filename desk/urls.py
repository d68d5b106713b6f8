from django.urls import path

from desk.views import case, certification, export, file_for, login, queue, reports, team

app_name = "desk"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("login/", login.desk_login, name="login"),
    path("export.csv", export.export, name="export"),
    path("reports/", reports.reports, name="reports"),
    path("team/", team.team, name="team"),
    path("file-for/", file_for.file_for, name="file_for"),
    path("cases/<str:case_number>/", case.case_detail, name="case"),
    path("cases/<str:case_number>/documents/<int:document_id>/", case.document, name="document"),
    path("cases/<str:case_number>/letters/<int:letter_id>/", case.letter, name="letter"),
    path("cases/<str:case_number>/letters/preview/", case.preview_letters, name="preview_letters"),
    path("cases/<str:case_number>/cancel/", case.cancel, name="cancel"),
    path(
        "cases/<str:case_number>/documents/<int:document_id>/review/",
        certification.review_document,
        name="review_document",
    ),
    path("cases/<str:case_number>/certifications/", certification.record_certification, name="record_certification"),
    path("cases/<str:case_number>/recertification/", certification.request_recertification, name="recertification"),
    path(
        "cases/<str:case_number>/time/<int:entry_id>/frequency/",
        certification.decide_frequency,
        name="decide_frequency",
    ),
]
