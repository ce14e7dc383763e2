from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "Rubric, taxonomy, standards and reflections"

    def ready(self):
        from collabtrack.panels import register_start_panel
        from taxonomy.exporters import register_exporters
        from taxonomy.panels import LATEST_LEVEL_TEMPLATE, latest_level_context

        register_exporters()
        register_start_panel(LATEST_LEVEL_TEMPLATE, latest_level_context)
