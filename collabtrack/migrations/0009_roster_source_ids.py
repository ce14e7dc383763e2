# The OneRoster ids the staff roster import matches on (issue 12).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collabtrack", "0008_invitations"),
    ]

    operations = [
        migrations.AddField(
            model_name="school",
            name="roster_source_id",
            field=models.CharField(
                blank=True, editable=False, max_length=200, verbose_name="OneRoster school id"
            ),
        ),
        migrations.AddField(
            model_name="staffmember",
            name="roster_source_id",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
    ]
