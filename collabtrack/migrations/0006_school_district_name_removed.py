"""The free-text district name is gone: 0005 turned it into District rows. A migration of its own so that
PostgreSQL does not alter the table in the transaction that updated its rows (pending trigger events)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("collabtrack", "0005_districts")]

    operations = [migrations.RemoveField(model_name="school", name="district_name")]
