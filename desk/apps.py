from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "desk"

    def ready(self) -> None:
        # HR professionals file absences for the employees of their agencies: intake asks the desk who those are.
        # (Imported here: models cannot be imported before the app registry is ready.)
        from cases.models import FiledAs  # noqa: PLC0415
        from desk.access import agency_employees  # noqa: PLC0415
        from intake.filing import register_authority  # noqa: PLC0415

        register_authority(FiledAs.HR, agency_employees)
