"""Teachers told when they are added as partners on a unit, in at most one e-mail a day per person.

`notify_partners_added` is called by the units services that set a unit's teachers, inside their
transaction: it records a notice for each teacher with a login who has not been told about this unit
before (one row per unit and teacher, ever), so it may be given the unit's whole list of teachers. The
log import saves through its own bulk path and never calls it: importing a year of history tells nobody.

`send_partner_notices` (the periodic task, once a day from PARTNER_DIGEST_HOUR local time) gathers each
person's waiting notices into one message with a link to each unit.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from collabtrack.mail import absolute_url, build_message, opted_out_user_ids
from collabtrack.models import MessageKind, StaffMember
from units.models import PartnerNotice, PartnerNoticeDigest, Unit

# Local hour from which the day's notices go out: after the school day, when a teacher reads mail.
PARTNER_DIGEST_HOUR = 15


def notify_partners_added(*, unit: Unit, staff_ids) -> None:
    """Queue a notice for each of `staff_ids` (the unit's school's staff) who has a login and has not
    been told about this unit before. Two queries; no e-mail is sent here."""
    with_login = StaffMember.objects.filter(
        school_id=unit.school_id, pk__in=list(staff_ids), user__isnull=False
    ).values_list("pk", flat=True)
    PartnerNotice.objects.bulk_create(
        [PartnerNotice(unit=unit, staff_member_id=staff_id) for staff_id in with_login], ignore_conflicts=True
    )


@dataclass(frozen=True)
class NoticeLine:
    title: str
    school: str
    start_date: dt.date
    url: str


@dataclass(frozen=True)
class DigestResult:
    user: object
    units: list[NoticeLine]


def _skip(notice_ids) -> None:
    PartnerNotice.objects.filter(pk__in=list(notice_ids)).update(skipped=True)


def _waiting_by_user() -> dict:
    """Waiting notices of live units, grouped by person; notices of a teacher no longer on the unit are
    dropped (they were added and removed again before the day's e-mail)."""
    waiting = list(
        PartnerNotice.objects.filter(digest__isnull=True, skipped=False, unit__deleted_at__isnull=True)
        .select_related("staff_member__user")
        .order_by("pk")
    )
    linked = set(
        Unit.teachers.through.objects.filter(unit_id__in={notice.unit_id for notice in waiting}).values_list(
            "unit_id", "staffmember_id"
        )
    )
    gone = [notice.pk for notice in waiting if (notice.unit_id, notice.staff_member_id) not in linked]
    _skip(gone)
    by_user = defaultdict(list)
    for notice in waiting:
        if (notice.unit_id, notice.staff_member_id) in linked and notice.staff_member.user_id:
            by_user[notice.staff_member.user].append(notice.pk)
    return by_user


def _claim(user, day: dt.date, notice_ids) -> PartnerNoticeDigest | None:
    """The person's e-mail of the day with its notices, committed before sending; None when the person
    already had today's e-mail or another worker took these notices."""
    try:
        with transaction.atomic(durable=True):
            digest = PartnerNoticeDigest.objects.create(user=user, day=day)
            taken = PartnerNotice.objects.filter(
                pk__in=notice_ids, digest__isnull=True, skipped=False
            ).update(digest=digest)
            if not taken:
                raise IntegrityError("nothing left to send")
            return digest
    except IntegrityError:
        return None


def _lines(digest: PartnerNoticeDigest) -> list[NoticeLine]:
    notices = digest.notices.select_related("unit__school").order_by("unit__start_date", "unit__title")
    return [
        NoticeLine(
            title=notice.unit.title,
            school=notice.unit.school.name,
            start_date=notice.unit.start_date,
            url=absolute_url(reverse("units:detail", kwargs={"pk": notice.unit_id})),
        )
        for notice in notices
    ]


def send_partner_notices(today: dt.date) -> list[DigestResult]:
    """Send each person with waiting notices one e-mail for `today` (their local date), unless they
    already had one today; turned-off and address-less people's notices are dropped, not kept."""
    by_user = _waiting_by_user()
    opted_out = opted_out_user_ids(MessageKind.PARTNER_NOTICES, [user.pk for user in by_user])
    results = []
    for user, notice_ids in by_user.items():
        if not user.email or not user.is_active or user.pk in opted_out:
            _skip(notice_ids)
            continue
        digest = _claim(user, today, notice_ids)
        if digest is None:
            continue
        lines = _lines(digest)
        subject = (
            f"You were added as a teacher partner on “{lines[0].title}”"
            if len(lines) == 1
            else f"You were added as a teacher partner on {len(lines)} units"
        )
        try:
            build_message(
                user=user,
                kind=MessageKind.PARTNER_NOTICES,
                subject=subject,
                template="email/partner_notice",
                context={"lines": lines},
            ).send()
        except Exception:
            # Not sent: the notices wait for the next run (the digest row goes, its notices are freed).
            digest.delete()
            raise
        PartnerNoticeDigest.objects.filter(pk=digest.pk).update(sent_at=timezone.now())
        results.append(DigestResult(user=user, units=lines))
    return results
