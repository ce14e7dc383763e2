from django.apps import AppConfig


class CollabtrackConfig(AppConfig):
    name = "collabtrack"
    verbose_name = "Schools and people"

    def ready(self):
        from collabtrack import dataversion

        dataversion.connect_core()
