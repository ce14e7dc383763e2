from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_monthly_report_deliveries"),
    ]

    operations = [
        migrations.AddField(
            model_name="boardhighlights",
            name="principal_note",
            field=models.TextField(blank=True, max_length=2000, verbose_name="principal's note"),
        ),
        migrations.AddField(
            model_name="historicalboardhighlights",
            name="principal_note",
            field=models.TextField(blank=True, max_length=2000, verbose_name="principal's note"),
        ),
    ]
