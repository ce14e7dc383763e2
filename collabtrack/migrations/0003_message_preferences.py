# Issue 13: each person's choice of e-mails (one row per person and kind; no row means "on").

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collabtrack", "0002_grade_levels"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MessagePreference",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("monthly_report", "Monthly report of units supported and library statistics"),
                            (
                                "partner_notices",
                                "Units I was added to as a teacher partner (at most one e-mail a day)",
                            ),
                            ("district_digest", "District monthly roll-up (for district coordinators)"),
                        ],
                        max_length=30,
                    ),
                ),
                ("enabled", models.BooleanField(default=True)),
                ("changed_at", models.DateTimeField(auto_now=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="message_preferences",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("user", "kind"), name="one_preference_per_kind")
                ],
            },
        ),
    ]
