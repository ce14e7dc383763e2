"""The standards catalogues now live in the units app (units 0003): drop them from this app's state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('taxonomy', '0003_reflections'),
        ('units', '0003_standards_catalogues_moved_here'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.DeleteModel(
            name='Indicator2007',
        ),
        migrations.DeleteModel(
            name='Standard2018',
        ),
        ]),
    ]
