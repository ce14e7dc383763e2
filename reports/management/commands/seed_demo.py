from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from collabtrack.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_people
from reports.demo import seed_statistics
from taxonomy.demo import seed_reflections
from units.demo import seed_units


class Command(BaseCommand):
    help = "Create (or refresh) the demo schools, logins, units and library statistics. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never on a real school's server).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates demo logins with a published password, so it refuses to run when DEBUG "
                "is off. Pass --force only on a throw-away server."
            )
        with transaction.atomic():
            demo = seed_people()
            seed_units(demo)
            seed_statistics(demo)
            seed_reflections(demo)
        self.stdout.write(
            self.style.SUCCESS(f"Demo schools are ready. Demo logins (password: {DEMO_PASSWORD}):")
        )
        for username, first, last, _email, school, role in DEMO_LOGINS:
            where = {"district": "every school of the district", "hillcrest": "Hillcrest Elementary"}.get(
                school, "Riverbend Middle"
            )
            self.stdout.write(f"  {username:<16} {first} {last}, {role.label.lower()} at {where}")
