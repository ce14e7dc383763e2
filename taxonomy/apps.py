from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "Rubric, taxonomy, standards and reflections"

    def ready(self):
        from collabtrack import navigation
        from collabtrack.models import Role
        from collabtrack.panels import register_start_panel
        from taxonomy.exporters import register_exporters
        from taxonomy.panels import LATEST_LEVEL_TEMPLATE, latest_level_context
        from units.widgets import PARTNERSHIP_RUBRIC

        register_exporters()
        register_start_panel(LATEST_LEVEL_TEMPLATE, latest_level_context)
        navigation.register_page("taxonomy:reflections", "My reflections", (Role.LIBRARIAN,), position=110)
        navigation.register_page(
            "taxonomy:shared_reflections", "Shared reflections", (Role.PRINCIPAL,), position=120
        )
        navigation.register_link(PARTNERSHIP_RUBRIC, "taxonomy:rubric")
