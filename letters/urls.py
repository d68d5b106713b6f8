from django.urls import path

from letters import views

app_name = "letters"
urlpatterns = [
    path("<str:case_number>/letters/<int:letter_id>/", views.letter, name="letter"),
]
