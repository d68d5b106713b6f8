from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from desk.admin_site import VerifiedAdminSite
from intake import case_time

# The admin opens only for an admin account after the two-step sign-in (accounts.admin_access, desk.admin_site), and is
# mounted only when ADMIN_ENABLED is set (off by default outside DEBUG): docs/security.md.
admin.site.__class__ = VerifiedAdminSite

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
]
if settings.ADMIN_ENABLED:
    urlpatterns.append(path("admin/", admin.site.urls))

# The portal's own error pages (a backend down is a 503 with the help phone): portal.errors.
handler500 = "portal.errors.server_error"
