from django.urls import path

from portal import health, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("terms-and-conditions/", views.terms_and_conditions, name="terms_and_conditions"),
    path("terms-of-use/", views.terms_of_use, name="terms_of_use"),
    path("contact-us/", views.contact_us, name="contact_us"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
