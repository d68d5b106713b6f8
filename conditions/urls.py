from django.urls import path

from conditions import views

app_name = "conditions"
urlpatterns = [
    path("search/", views.search, name="search"),
]
