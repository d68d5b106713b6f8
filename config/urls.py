from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("portal.urls")),
    path("accounts/", include("accounts.urls")),
    path("request/", include("intake.urls")),
    path("conditions/", include("conditions.urls")),
    path("cases/", include("cases.urls")),
    path("desk/", include("desk.urls")),
    path("admin/", admin.site.urls),
]
