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
        register_pages()


def register_pages() -> None:
    """The reports' pages in the menu (collabtrack.navigation) and where principals and coordinators start."""
    from collabtrack import navigation
    from collabtrack.models import Role

    staff = (Role.LIBRARIAN, Role.PRINCIPAL, Role.DISTRICT)
    pages = [
        ("district:rollup", "District roll-up", (Role.DISTRICT,), 10, ""),
        ("reports:dashboard", "Dashboard", staff, 60, "Reports"),
        ("reports:annual_current", "Annual summary", navigation.ALL, 70, "Reports"),
        ("reports:monthly_current", "Monthly report", navigation.ALL, 80, "Reports"),
        ("reports:statistics_current", "Library statistics", (Role.LIBRARIAN,), 90, "Reports"),
        ("reports:deliveries", "Reports e-mailed", (Role.LIBRARIAN, Role.PRINCIPAL), 100, "Reports"),
        ("data:index", "Import and export", (Role.LIBRARIAN, Role.PRINCIPAL), 130, ""),
    ]
    for url_name, label, roles, position, group in pages:
        navigation.register_page(url_name, label, roles, position=position, group=group)
    navigation.register_start_page(Role.PRINCIPAL, "reports:dashboard")
    navigation.register_start_page(Role.DISTRICT, "district:rollup")
