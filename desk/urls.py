from django.urls import path

from desk.views import bulk, case, file_for, login, queue, team, work

app_name = "desk"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("login/", login.desk_login, name="login"),
    path("team/", team.team, name="team"),
    path("my-work/", work.my_work, name="my_work"),
    path("my-work/next/", work.next_task, name="next_task"),
    path("bulk/", bulk.bulk, name="bulk"),
    path("file-for/", file_for.file_for, name="file_for"),
    path("cases/<str:case_number>/", case.case_detail, name="case"),
    path("cases/<str:case_number>/documents/<int:document_id>/", case.document, name="document"),
    path("cases/<str:case_number>/letters/<int:letter_id>/", case.letter, name="letter"),
    path("cases/<str:case_number>/letters/preview/", case.preview_letters, name="preview_letters"),
    path("cases/<str:case_number>/cancel/", case.cancel, name="cancel"),
]
