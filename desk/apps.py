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

        # The desk's tasks open and close with the case's events; a new leave case is assigned by the rule.
        from cases.events import on_case_event  # noqa: PLC0415
        from cases.submission import on_leave_submitted  # noqa: PLC0415
        from desk.worklist import case_submitted, sync_after_event  # noqa: PLC0415

        on_case_event(sync_after_event)
        on_leave_submitted(case_submitted)

        # The queue's agency and policy choices are cached until the roster or the policies change.
        from desk import filter_choices  # noqa: PLC0415

        filter_choices.connect()

        # The queue's columns of a case follow a decision saved outside an action (desk.queue_state).
        from desk import queue_state  # noqa: PLC0415

        queue_state.connect()

        # The queue and the case view are kept rendered until a write that they may show commits.
        from desk import stored_pages  # noqa: PLC0415

        stored_pages.connect()
