from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "roster"

    def ready(self) -> None:
        # The work locations' calendars are cached until a holiday or a closure changes.
        # (Imported here: models cannot be imported before the app registry is ready.)
        from roster import calendars  # noqa: PLC0415

        calendars.connect()
