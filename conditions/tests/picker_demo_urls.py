"""The project's URLs plus the picker's stand-in form step at /reason-step/ (tests only)."""

from django.urls import path

from conditions.tests.picker_demo import reason_step
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("reason-step/", reason_step, name="reason_step")]
