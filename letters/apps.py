from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"

    def ready(self) -> None:
        # A new leave case gets its FMLA eligibility notice in its own transaction: cases calls us, never imports us.
        # (Imported here: models cannot be imported before the app registry is ready.)
        from cases.submission import on_leave_submitted  # noqa: PLC0415
        from letters.fmla import send_eligibility_notice  # noqa: PLC0415

        on_leave_submitted(send_eligibility_notice)
