import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from collabtrack.deliveries import SENT, TO_SEND
from collabtrack.models import School
from collabtrack.people import display_name
from collabtrack.schedule import previous_month, school_now
from reports.models import MonthlyStatistics
from reports.monthly_mail import send_monthly_reports
from reports.selectors import monthly_report


def _month(text: str) -> tuple[int, int]:
    try:
        day = dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise CommandError(f"--month must look like 2025-10, not {text!r}.") from None
    return day.year, day.month


class Command(BaseCommand):
    help = (
        "E-mail a month's report of units supported and library statistics (PDF attached) to each "
        "school's principals, with a copy to its librarians. Nobody gets the same month twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="The month to report, YYYY-MM (default: last month).")
        parser.add_argument("--school", type=int, help="Only this school (its id in the admin).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would get what, for which month; send nothing."
        )

    def handle(self, *args, month=None, school=None, dry_run=False, **options):
        year, month_number = _month(month) if month else previous_month(school_now().date())
        schools = None
        if school is not None:
            schools = list(School.objects.filter(pk=school))
            if not schools:
                raise CommandError(f"No school has the id {school}.")
        run = send_monthly_reports(year=year, month=month_number, schools=schools, dry_run=dry_run)
        label = dt.date(year, month_number, 1).strftime("%B %Y")
        self.stdout.write(f"{'Dry run, nothing sent. ' if dry_run else ''}Monthly report for {label}:")
        for school_, _, reason in run.skipped_schools:
            self.stdout.write(f"  {school_.name} (id {school_.pk}): not mailed, {label} is {reason}")
        current = None
        for message in run.messages:
            if message.school != current:
                current = message.school
                self.stdout.write(self._what(current, year, month_number))
            status = "would send" if message.status == TO_SEND else message.status
            who = display_name(message.user)
            address = message.email or "-"
            role = "principal" if message.role == "principal" else "librarian (copy)"
            self.stdout.write(f"    {who} <{address}>, {role}: {status}")
        if not run.messages and not run.skipped_schools:
            self.stdout.write("  no school has a principal or librarian to send to")
        elif not dry_run:
            self.stdout.write(f"Sent {sum(1 for m in run.messages if m.status == SENT)} message(s).")

    @staticmethod
    def _what(school, year: int, month: int) -> str:
        report = monthly_report(school, year, month)
        entered = MonthlyStatistics.objects.filter(school=school, year=year, month=month).exists()
        return (
            f"  {school.name} (id {school.pk}): {report.activity.units_total} unit(s) supported, statistics "
            f"{'entered' if entered else 'not entered'}; PDF units-supported-{year}-{month:02d}.pdf attached"
        )
