from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Library statistics and reports"

    def ready(self):
        from reports.district_exports import register_district_exporters
        from reports.exporters import register_exporters
        from reports.jobs import register_jobs

        register_exporters()
        register_district_exporters()
        register_jobs()
