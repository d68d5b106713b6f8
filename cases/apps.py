from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"

    def ready(self) -> None:
        from cases import balance_cache  # noqa: PLC0415 - the models are ready only now

        balance_cache.connect()
