"""The district digest: each district coordinator's monthly roll-up e-mail, with the district board PDF.

On the first school day of a month (in the district's time zone, from the same hour as the schools'
monthly reports) every coordinator of the district gets the roll-up of the school year so far: the
district TOTAL beside last year's, the schools that have not entered last month's statistics or logged
no unit in it (whom to ask), and the district board PDF attached. The figures are the roll-up page's own
(`reports.district.district_rollup`) and the PDF is the district board report exporter's.

Like the monthly report, a coordinator never gets a month twice: the delivery row is claimed (committed
under a unique constraint) before the message leaves. `manage.py send_district_digests` and the periodic
task share `send_district_digest`.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from collabtrack.deliveries import (
    TO_SEND,
    DeliveryRun,
    PlannedDelivery,
    claim_delivery,
    delivery_status,
    send_claimed,
)
from collabtrack.mail import absolute_url, build_message, opted_out_user_ids
from collabtrack.models import District, DistrictMembership, MessageKind
from collabtrack.schedule import first_school_day, previous_month
from collabtrack.schoolyear import SchoolYear, school_year_of
from reports.district import MonthGap, Rollup, district_rollup, district_today
from reports.district_exports import district_board_pdf
from reports.models import DistrictDigestDelivery
from reports.monthly_mail import MONTHLY_REPORT_HOUR


@dataclass(kw_only=True)
class PlannedDigest(PlannedDelivery):
    district: District
    month: dt.date


@dataclass
class DigestRun(DeliveryRun):
    skipped: list[tuple[District, dt.date, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DigestMail:
    """What every coordinator of the district reads about one month."""

    rollup: Rollup
    month: dt.date
    month_gap: MonthGap | None  # the reported month's missing statistics and units, if any
    pdf_filename: str
    pdf: bytes
    rollup_url: str


def district_local_now(district: District, now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()).astimezone(ZoneInfo(district.time_zone))


def digest_school_year(district: District, year: int, month: int) -> SchoolYear | None:
    """The district's school year the month belongs to (its default months), or None outside it."""
    return school_year_of(dt.date(year, month, 1), district.first_month, district.last_month)


def due_digest_month(district: District, now: dt.datetime | None = None) -> tuple[int, int] | None:
    """The month whose digest is due at `now`: last month, from the first school day of this one."""
    local = district_local_now(district, now)
    today = local.date()
    if today < first_school_day(today.year, today.month) or local.hour < MONTHLY_REPORT_HOUR:
        return None
    year, month = previous_month(today)
    return (year, month) if digest_school_year(district, year, month) else None


def plan_district_month(district: District, year: int, month: int) -> list[PlannedDigest]:
    """Every coordinator of the district with what a run would do for them; three queries."""
    first = dt.date(year, month, 1)
    memberships = list(
        DistrictMembership.objects.filter(district=district, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__username")
    )
    deliveries = {
        delivery.recipient_id: delivery
        for delivery in DistrictDigestDelivery.objects.filter(district=district, month=first)
    }
    opted_out = opted_out_user_ids(MessageKind.DISTRICT_DIGEST, [m.user_id for m in memberships])
    planned = []
    for membership in memberships:
        user, delivery = membership.user, deliveries.get(membership.user_id)
        status = delivery_status(delivery, user, opted_out)
        sent_at = delivery.sent_at if delivery else None
        planned.append(
            PlannedDigest(district=district, month=first, user=user, status=status, sent_at=sent_at)
        )
    return planned


def digest_mail(district: District, year: int, month: int) -> DigestMail:
    school_year = digest_school_year(district, year, month)
    rollup = district_rollup(district, school_year, today=district_today(district))
    pdf = district_board_pdf(rollup)
    gap = next((gap for gap in rollup.gaps if (gap.year, gap.month) == (year, month)), None)
    return DigestMail(
        rollup=rollup,
        month=dt.date(year, month, 1),
        month_gap=gap,
        pdf_filename=pdf.filename,
        pdf=pdf.content,
        rollup_url=absolute_url(reverse("district:rollup_year", kwargs={"school_year": school_year.name})),
    )


def _message(mail: DigestMail, planned: PlannedDigest):
    return build_message(
        user=planned.user,
        kind=MessageKind.DISTRICT_DIGEST,
        subject=f"{planned.district.name}: district library roll-up, {mail.month:%B %Y}",
        template="email/district_digest",
        context={"mail": mail, "rollup": mail.rollup, "district": planned.district},
        attachments=((mail.pdf_filename, mail.pdf, "application/pdf"),),
    )


def send_district_digest(district: District, year: int, month: int, *, dry_run: bool = False) -> DigestRun:
    """Send one district's month to every coordinator who has not had it; the PDF only if someone has."""
    run = DigestRun()
    if digest_school_year(district, year, month) is None:
        run.skipped.append((district, dt.date(year, month, 1), "outside the school year"))
        return run
    run.messages = plan_district_month(district, year, month)
    pending = [planned for planned in run.messages if planned.status == TO_SEND]
    if dry_run or not pending:
        return run
    mail = digest_mail(district, year, month)

    def claim(planned: PlannedDigest):
        return claim_delivery(
            DistrictDigestDelivery,
            district=district,
            month=planned.month,
            recipient=planned.user,
            email=planned.user.email,
        )

    send_claimed(pending, claim=claim, build=lambda planned: _message(mail, planned))
    return run


def send_district_digests(*, year: int, month: int, districts=None, dry_run: bool = False) -> DigestRun:
    run = DigestRun()
    for district in districts if districts is not None else District.objects.order_by("name", "pk"):
        one = send_district_digest(district, year, month, dry_run=dry_run)
        run.messages += one.messages
        run.skipped += one.skipped
    return run


def send_due_district_digests(now: dt.datetime | None = None) -> DigestRun:
    """What the periodic task runs: every district whose first school day of the month has come."""
    run = DigestRun()
    for district in District.objects.order_by("name", "pk"):
        due = due_digest_month(district, now)
        if due:
            one = send_district_digest(district, *due)
            run.messages += one.messages
    return run
