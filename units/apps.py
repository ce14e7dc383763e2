from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Units of study"

    def ready(self):
        from collabtrack import navigation
        from collabtrack.models import Role
        from units.exporters import register_exporters

        register_exporters()
        navigation.register_page("units:quick_log", "Log a unit", (Role.LIBRARIAN,), position=20)
        navigation.register_page("units:list", "Units", navigation.ALL, position=30)
        navigation.register_start_page(Role.LIBRARIAN, "units:quick_log")
        navigation.register_start_page(Role.TEACHER, "units:list")
