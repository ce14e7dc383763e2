"""First run: the district, the first school and the first account, without the admin (issue 12).

    manage.py bootstrap --district "Riverbend Unified" --school "Riverbend Middle School" \
        --email librarian@riverbend.example.org [--role librarian|district]

Prints a one-time link (valid 24 hours, PASSWORD_RESET_TIMEOUT) where that person chooses a password.
Refuses, changing nothing, when the school already exists.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from collabtrack.invitations import grant
from collabtrack.mail import absolute_url
from collabtrack.models import District, Role, School


def first_sign_in_url(user) -> str:
    """Django's password-reset link: it stops working once the password is set, or after 24 hours."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("password_reset_confirm", kwargs={"uidb64": uidb64, "token": token}))


class Command(BaseCommand):
    help = "Create the district, the first school and the first account, and print a one-time sign-in link."

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="the district's name (created if new)")
        parser.add_argument("--school", required=True, help="the first school's name")
        parser.add_argument("--email", required=True, help="the first person's e-mail address")
        parser.add_argument(
            "--role",
            choices=[Role.LIBRARIAN, Role.DISTRICT],
            default=Role.LIBRARIAN,
            help="librarian of the school (default) or coordinator of the district",
        )

    def handle(self, *args, district, school, email, role, **options):
        district_name, school_name, email = district.strip(), school.strip(), email.strip()
        if not district_name or not school_name:
            raise CommandError("The district and the school need a name.")
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an e-mail address.") from None
        if School.objects.filter(name__iexact=school_name).exists():
            raise CommandError(
                f"A school named {school_name!r} already exists: nothing was changed. Invite people from its "
                "People page instead."
            )
        user_model = get_user_model()
        if user_model.objects.filter(username__iexact=email).exists():
            raise CommandError(f"A login {email!r} already exists: nothing was changed.")
        with transaction.atomic():
            the_district, _ = District.objects.get_or_create(name=district_name)
            the_school = School.objects.create(name=school_name, district=the_district)
            user = user_model(username=email.lower(), email=email)
            user.set_unusable_password()
            user.save()
            grant(user=user, school=the_school, role=role)
        self.stdout.write(f"Created {the_school} in {the_district}, and the login {user.username} ({role}).")
        self.stdout.write("Open this link within 24 hours to choose the password (it works once):")
        self.stdout.write(first_sign_in_url(user))
