"""Districts own their schools (issue 11): District and DistrictMembership, School.district becomes a
foreign key (collabtrack.district_migration converts the old free text; 0006 drops it), and a school's
months become an override of its district's (blank = as the district)."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import collabtrack.district_models
from collabtrack.district_migration import districts_to_schools, schools_to_districts

MONTHS = [
    (1, "January"), (2, "February"), (3, "March"), (4, "April"), (5, "May"), (6, "June"),
    (7, "July"), (8, "August"), (9, "September"), (10, "October"), (11, "November"), (12, "December"),
]  # fmt: skip
MONTH_RANGE = [django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)]


class Migration(migrations.Migration):
    dependencies = [
        ("collabtrack", "0004_jobs_and_kept_files"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="District",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True)),
                (
                    "first_month",
                    models.PositiveSmallIntegerField(
                        choices=MONTHS,
                        default=9,
                        validators=MONTH_RANGE,
                        verbose_name="first month of the school year",
                    ),
                ),
                (
                    "last_month",
                    models.PositiveSmallIntegerField(
                        choices=MONTHS,
                        default=6,
                        validators=MONTH_RANGE,
                        verbose_name="last month of the school year",
                    ),
                ),
                (
                    "time_zone",
                    models.CharField(
                        default=settings.TIME_ZONE,
                        max_length=64,
                        validators=[collabtrack.district_models.validate_time_zone],
                    ),
                ),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="DistrictMembership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "district",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="collabtrack.district",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="district_memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["district__name"],
                "constraints": [
                    models.UniqueConstraint(fields=("user", "district"), name="one_membership_per_district")
                ],
            },
        ),
        migrations.RenameField(model_name="school", old_name="district", new_name="district_name"),
        migrations.AddField(
            model_name="school",
            name="district",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="schools",
                to="collabtrack.district",
            ),
        ),
        migrations.AlterField(
            model_name="school",
            name="first_month",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=MONTHS,
                null=True,
                validators=MONTH_RANGE,
                verbose_name="first month of the school year",
            ),
        ),
        migrations.AlterField(
            model_name="school",
            name="last_month",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=MONTHS,
                null=True,
                validators=MONTH_RANGE,
                verbose_name="last month of the school year",
            ),
        ),
        migrations.RunPython(schools_to_districts, districts_to_schools),
    ]
