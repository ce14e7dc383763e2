from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collabtrack", "0006_school_district_name_removed"),
    ]

    operations = [
        migrations.AddField(
            model_name="school",
            name="logo",
            field=models.FileField(
                blank=True, upload_to="logos/", verbose_name="school logo (printed on the board report's cover)"
            ),
        ),
    ]
