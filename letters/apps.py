from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"

    def ready(self) -> None:
        # A new leave case gets its FMLA eligibility notice in its own transaction: cases calls us, never imports us.
        # The outbox asks us for a letter's PDF before it sends the message that carries it (rendered after commit).
        # (Imported here: models cannot be imported before the app registry is ready.)
        from cases.submission import on_leave_submitted  # noqa: PLC0415
        from letters.fmla import send_eligibility_notice  # noqa: PLC0415
        from letters.preparing import prepare_message_attachment  # noqa: PLC0415
        from notices.delivery import on_attachment_awaited  # noqa: PLC0415

        on_leave_submitted(send_eligibility_notice)
        on_attachment_awaited(prepare_message_attachment)
