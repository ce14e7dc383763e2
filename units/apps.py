from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Units of study"

    def ready(self):
        from units.exporters import register_exporters

        register_exporters()
