from django.apps import AppConfig


class CollabtrackConfig(AppConfig):
    name = "collabtrack"
    verbose_name = "Schools and people"

    def ready(self):
        from collabtrack import dataversion, navigation
        from collabtrack.models import Role

        dataversion.connect_core()
        navigation.register_page("staff_list", "Staff directory", navigation.ALL, position=40)
        navigation.register_page(
            "people:index", "People and invitations", (Role.LIBRARIAN, Role.DISTRICT), position=50
        )
