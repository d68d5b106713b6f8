from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        # Each flow registers itself with the wizard (intake.wizard.WIZARDS) when its module is imported.
        from intake import case_time, flows  # noqa: F401, PLC0415
