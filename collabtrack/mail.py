"""Sending CollabTrack's e-mail: each person's preferences, signed one-click unsubscribe links (RFC 8058)
and the one way a message is built (HTML with a plain-text part, the unsubscribe headers, absolute links
from SITE_URL).

Every kind of message goes through `build_message`, so none can leave without its unsubscribe link.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from collabtrack.models import MessageKind, MessagePreference

UNSUBSCRIBE_SALT = "collabtrack.mail.unsubscribe"
# An unsubscribe link in an old message keeps working for this long (a monthly report read months later).
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365


class UnsubscribeLinkError(Exception):
    """The link cannot be used; the message says why in words for the person who clicked it."""


def absolute_url(path: str) -> str:
    """An absolute link for an e-mail (e-mails have no "current site": SITE_URL says where we live)."""
    return settings.SITE_URL.rstrip("/") + path


def wants(user, kind: str) -> bool:
    """Whether `user` receives `kind` messages: on unless they turned it off, and only with an address."""
    if not user.email or not user.is_active:
        return False
    return not MessagePreference.objects.filter(user=user, kind=kind, enabled=False).exists()


def opted_out_user_ids(kind: str, user_ids) -> set[int]:
    """Which of `user_ids` turned `kind` off; one query for any number of people."""
    return set(
        MessagePreference.objects.filter(kind=kind, enabled=False, user_id__in=list(user_ids)).values_list(
            "user_id", flat=True
        )
    )


def preferences_of(user) -> dict[str, bool]:
    """Every kind with the person's choice (on by default)."""
    chosen = dict(MessagePreference.objects.filter(user=user).values_list("kind", "enabled"))
    return {kind: chosen.get(kind, True) for kind in MessageKind.values}


@transaction.atomic
def preference_set(*, user, kind: str, enabled: bool) -> MessagePreference:
    if kind not in MessageKind.values:
        raise ValueError(f"Unknown kind of message: {kind!r}")
    preference, _ = MessagePreference.objects.update_or_create(
        user=user, kind=kind, defaults={"enabled": enabled}
    )
    return preference


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"user": user.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


@dataclass(frozen=True)
class UnsubscribeRequest:
    user: object
    kind: str

    @property
    def kind_label(self) -> str:
        return MessageKind(self.kind).label


def read_unsubscribe_token(token: str) -> UnsubscribeRequest:
    """The person and kind a link names; UnsubscribeLinkError when it was changed, is too old or is stale."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise UnsubscribeLinkError(
            "This unsubscribe link has expired (links work for a year). Log in and turn the message off "
            "under your e-mail settings instead."
        ) from error
    except signing.BadSignature as error:
        raise UnsubscribeLinkError(
            "This unsubscribe link is not valid: it may have been cut short or changed when it was copied. "
            "Open it again from the e-mail, or log in and change your e-mail settings."
        ) from error
    user = get_user_model().objects.filter(pk=data.get("user")).first()
    if user is None or data.get("kind") not in MessageKind.values:
        raise UnsubscribeLinkError(
            "This unsubscribe link names an account or a message that no longer exists."
        )
    return UnsubscribeRequest(user=user, kind=data["kind"])


def unsubscribe_url(user, kind: str) -> str:
    return absolute_url(reverse("unsubscribe", kwargs={"token": unsubscribe_token(user, kind)}))


def build_message(
    *,
    user,
    kind: str,
    subject: str,
    template: str,
    context: dict,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> EmailMultiAlternatives:
    """One message to one person: `template`.txt is the plain-text body, `template`.html the HTML part.

    The templates receive `unsubscribe_url` and `preferences_url`; the List-Unsubscribe headers carry
    the same link, so a mail program's own "unsubscribe" button works without a login (RFC 8058)."""
    link = unsubscribe_url(user, kind)
    context = {
        **context,
        "recipient": user,
        "kind_label": MessageKind(kind).label,
        "unsubscribe_url": link,
        "preferences_url": absolute_url(reverse("notification_settings")),
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{template}.txt", context),
        to=[user.email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message
