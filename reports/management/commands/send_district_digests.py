import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from collabtrack.deliveries import SENT, TO_SEND
from collabtrack.models import District
from collabtrack.people import display_name
from collabtrack.schedule import previous_month
from reports.district_digest import district_local_now, send_district_digests
from reports.management.commands.send_monthly_reports import _month


class Command(BaseCommand):
    help = (
        "E-mail a month's district roll-up (the district board PDF attached) to each district's "
        "coordinators. Nobody gets the same month twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="The month to report, YYYY-MM (default: last month).")
        parser.add_argument("--district", type=int, help="Only this district (its id in the admin).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would get what, for which month; send nothing."
        )

    def handle(self, *args, month=None, district=None, dry_run=False, **options):
        districts = list(District.objects.order_by("name", "pk"))
        if district is not None:
            districts = [d for d in districts if d.pk == district]
            if not districts:
                raise CommandError(f"No district has the id {district}.")
        if month:
            year, month_number = _month(month)
        elif districts:
            year, month_number = previous_month(district_local_now(districts[0]).date())
        else:
            self.stdout.write("No district to send to.")
            return
        run = send_district_digests(year=year, month=month_number, districts=districts, dry_run=dry_run)
        label = dt.date(year, month_number, 1).strftime("%B %Y")
        self.stdout.write(f"{'Dry run, nothing sent. ' if dry_run else ''}District roll-up for {label}:")
        for district_, _, reason in run.skipped:
            self.stdout.write(f"  {district_.name} (id {district_.pk}): not mailed, {label} is {reason}")
        current = None
        for message in run.messages:
            if message.district != current:
                current = message.district
                self.stdout.write(f"  {current.name} (id {current.pk}): district board PDF attached")
            status = "would send" if message.status == TO_SEND else message.status
            self.stdout.write(f"    {display_name(message.user)} <{message.email or '-'}>: {status}")
        if not run.messages and not run.skipped:
            self.stdout.write("  no district has a coordinator to send to")
        elif not dry_run:
            self.stdout.write(f"Sent {sum(1 for m in run.messages if m.status == SENT)} message(s).")
