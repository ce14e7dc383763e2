"""The monthly report by e-mail: each principal gets last month's report of units supported and that
month's library statistics, with the monthly PDF attached; each librarian of the school gets a copy.

`send_monthly_reports` is the one code path: `manage.py send_monthly_reports` calls it on demand and the
periodic task calls it through `send_due_monthly_reports`. It never sends a month twice to a person: the
delivery row is claimed (INSERT under a unique constraint, committed) before the message is handed to the
mail server, so a second run, a second worker or the periodic task firing twice finds the row and skips.

Schedule: a school is due on the first school day of a month (the first Monday to Friday, in its
district's time zone, from MONTHLY_REPORT_HOUR local time) and every hour after that until the month ends,
which catches up a day the server was down; what it sends is the month before. A reported month outside the
school's year (July and August for September–June) is not mailed: the report of June goes out in July,
nothing in August or September.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse

from collabtrack.deliveries import (
    TO_SEND,
    DeliveryRun,
    PlannedDelivery,
    claim_delivery,
    delivery_status,
    send_claimed,
)
from collabtrack.mail import absolute_url, build_message, opted_out_user_ids
from collabtrack.models import Membership, MessageKind, Role, School
from collabtrack.schedule import first_school_day, previous_month, school_now
from reports.exporters import monthly_report_pdf
from reports.models import MonthlyReportDelivery
from reports.selectors import MonthlyReport, SummaryRow, annual_summary, monthly_report

# Local hour from which a due school's reports go out (the periodic task runs every hour).
MONTHLY_REPORT_HOUR = 6
# Principals first: the report is theirs; librarians get a copy.
RECIPIENT_ROLES = (Role.PRINCIPAL, Role.LIBRARIAN)


@dataclass(kw_only=True)
class PlannedMessage(PlannedDelivery):
    """One person's copy of one school's month, and what became of it."""

    school: School
    month: dt.date
    role: str


@dataclass
class MonthlyRun(DeliveryRun):
    """Every message considered, and the schools left out and why."""

    skipped_schools: list[tuple[School, dt.date, str]] = field(default_factory=list)

    def extend(self, other: "MonthlyRun") -> None:
        self.messages += other.messages
        self.skipped_schools += other.skipped_schools


@dataclass(frozen=True)
class MonthlyMail:
    """What every recipient of one school's month reads: the report page's own selector objects."""

    school: School
    report: MonthlyReport
    statistics: SummaryRow | None
    pdf: bytes
    report_url: str

    @property
    def pdf_filename(self) -> str:
        return f"units-supported-{self.report.year}-{self.report.month:02d}.pdf"


def month_is_mailed(school: School, year: int, month: int) -> bool:
    return school.school_year_of(dt.date(year, month, 1)) is not None


def due_month(school: School, now: dt.datetime | None = None) -> tuple[int, int] | None:
    """The month whose report is due for `school` at `now`, or None (see the module's schedule)."""
    local = school_now(school, now)
    today = local.date()
    if today < first_school_day(today.year, today.month) or local.hour < MONTHLY_REPORT_HOUR:
        return None
    year, month = previous_month(today)
    return (year, month) if month_is_mailed(school, year, month) else None


def plan_school_month(school: School, year: int, month: int) -> list[PlannedMessage]:
    """Every principal and librarian of the school with what a run would do for them; three queries."""
    first = dt.date(year, month, 1)
    memberships = sorted(
        Membership.objects.filter(school=school, role__in=RECIPIENT_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__username"),
        key=lambda membership: RECIPIENT_ROLES.index(membership.role),
    )
    deliveries = {
        delivery.recipient_id: delivery
        for delivery in MonthlyReportDelivery.objects.filter(school=school, month=first)
    }
    opted_out = opted_out_user_ids(MessageKind.MONTHLY_REPORT, [m.user_id for m in memberships])
    planned = []
    for membership in memberships:
        user, delivery = membership.user, deliveries.get(membership.user_id)
        status = delivery_status(delivery, user, opted_out)
        planned.append(
            PlannedMessage(
                school=school,
                month=first,
                user=user,
                role=membership.role,
                status=status,
                sent_at=delivery.sent_at if delivery else None,
            )
        )
    return planned


def monthly_mail(school: School, year: int, month: int) -> MonthlyMail:
    """The month's report, its statistics row and the PDF the report page downloads (same template)."""
    report = monthly_report(school, year, month)
    statistics = None
    if report.school_year is not None:
        summary = annual_summary(school, report.school_year)
        statistics = next(row for row in summary.months if (row.year, row.month) == (year, month))
    return MonthlyMail(
        school=school,
        report=report,
        statistics=statistics,
        pdf=monthly_report_pdf(report, school).content,  # the monthly report exporter's PDF
        report_url=absolute_url(reverse("reports:monthly", kwargs={"year": year, "month": month})),
    )


def _claim(planned: PlannedMessage) -> MonthlyReportDelivery | None:
    """This person's delivery row, committed; None when a row exists (sent or being sent)."""
    return claim_delivery(
        MonthlyReportDelivery,
        school=planned.school,
        month=planned.month,
        recipient=planned.user,
        email=planned.user.email,
        role=planned.role,
    )


def _message(mail: MonthlyMail, planned: PlannedMessage):
    role = "principal" if planned.role == Role.PRINCIPAL else "librarian"
    return build_message(
        user=planned.user,
        kind=MessageKind.MONTHLY_REPORT,
        subject=f"{mail.school.name}: library report for {mail.report.title}",
        template="email/monthly_report",
        context={
            "mail": mail,
            "school": mail.school,
            "report": mail.report,
            "statistics": mail.statistics,
            "for_role": role,
        },
        attachments=((mail.pdf_filename, mail.pdf, "application/pdf"),),
    )


def send_school_month(school: School, year: int, month: int, *, dry_run: bool = False) -> MonthlyRun:
    """Send one school's month to everyone who has not had it; the PDF is laid out only if someone has."""
    run = MonthlyRun()
    if not month_is_mailed(school, year, month):
        run.skipped_schools.append((school, dt.date(year, month, 1), "outside the school year"))
        return run
    run.messages = plan_school_month(school, year, month)
    pending = [planned for planned in run.messages if planned.status == TO_SEND]
    if dry_run or not pending:
        return run
    mail = monthly_mail(school, year, month)
    send_claimed(pending, claim=_claim, build=lambda planned: _message(mail, planned))
    return run


def send_monthly_reports(*, year: int, month: int, schools=None, dry_run: bool = False) -> MonthlyRun:
    """The command's and the periodic task's code path: `schools` (all by default) for one month."""
    run = MonthlyRun()
    for school in (
        schools if schools is not None else School.objects.select_related("district").order_by("name", "pk")
    ):
        run.extend(send_school_month(school, year, month, dry_run=dry_run))
    return run


def send_due_monthly_reports(now: dt.datetime | None = None, *, dry_run: bool = False) -> MonthlyRun:
    """What the periodic task runs: every school whose first school day of the month has come."""
    run = MonthlyRun()
    for school in School.objects.select_related("district").order_by("name", "pk"):
        due = due_month(school, now)
        if due:
            run.extend(send_monthly_reports(year=due[0], month=due[1], schools=[school], dry_run=dry_run))
    return run
