from django.contrib import admin
from django.urls import include, path

from intake import case_time

urlpatterns = [
    path("", include("portal.urls")),
    path("accounts/", include("accounts.urls")),
    path("request/", include("intake.urls")),
    path("conditions/", include("conditions.urls")),
    # "Submit new absence time" is intake's third flow, beside the case it reports on.
    path("cases/", include((case_time.urlpatterns(), case_time.NAMESPACE))),
    path("cases/", include("cases.urls")),
    path("cases/", include("letters.urls")),
    path("desk/", include("desk.urls")),
    path("admin/", admin.site.urls),
]

# The portal's own error pages (a backend down is a 503 with the help phone): portal.errors.
handler500 = "portal.errors.server_error"
