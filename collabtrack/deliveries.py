"""E-mails that must go once: a delivery row is claimed (committed under a unique constraint) before the
message is handed to the mail server, then marked sent. The monthly report and the district digest both
go out this way, so a second run, a second worker or a periodic task firing twice never sends twice.

A row without `sent_at` means the sender stopped between claiming and sending: the message may or may not
have left, so it is not retried on its own.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

TO_SEND = "to send"
SENT = "sent"
ALREADY_SENT = "already sent"
NOT_CONFIRMED = "claimed earlier, not confirmed sent"
CLAIMED_ELSEWHERE = "sent by another run"
TURNED_OFF = "turned off by the person"
NO_ADDRESS = "no e-mail address"


@dataclass(kw_only=True)
class PlannedDelivery:
    """One person's copy of one message and what became of it: what a run lists (dry or not)."""

    user: object
    status: str
    sent_at: dt.datetime | None = None

    @property
    def email(self) -> str:
        return self.user.email


@dataclass
class DeliveryRun:
    """What a run did (or, dry, would do): every message it considered."""

    messages: list = field(default_factory=list)

    @property
    def sent(self) -> list:
        return [message for message in self.messages if message.status == SENT]


def delivery_status(delivery, user, opted_out: set[int]) -> str:
    """What a run would do for `user`, given their delivery row for this message (or None)."""
    if delivery:
        return ALREADY_SENT if delivery.sent_at else NOT_CONFIRMED
    if not user.email:
        return NO_ADDRESS
    if user.pk in opted_out:
        return TURNED_OFF
    return TO_SEND


def claim_delivery(model, **fields):
    """Insert and commit one delivery row of `model` (whose unique constraint names one message), or
    None when the row exists: the message was sent, or another run is sending it.

    durable=True: the claim is committed before the message leaves, never inside a caller's transaction
    that could roll it back after the mail is gone. The claim comes first so that a second run, a second
    worker or a periodic task firing twice never sends the same message twice."""
    try:
        with transaction.atomic(durable=True):
            return model.objects.create(**fields)
    except IntegrityError:
        return None


def send_claimed(pending, *, claim, build) -> None:
    """Send each planned message (with `.status` and `.sent_at`) that `claim(planned)` wins, built by
    `build(planned)`, over one connection. A message the mail server refuses frees its claim, so the next
    run tries again, and stops the run."""
    with get_connection() as connection:
        for planned in pending:
            row = claim(planned)
            if row is None:
                planned.status = CLAIMED_ELSEWHERE
                continue
            try:
                message = build(planned)
                message.connection = connection
                message.send()
            except Exception:
                row.delete()
                raise
            planned.sent_at = timezone.now()
            type(row).objects.filter(pk=row.pk).update(sent_at=planned.sent_at)
            planned.status = SENT
