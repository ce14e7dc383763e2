"""The standards catalogues move from the taxonomy app to the units app (issue 10: the vocabulary a unit
uses lives with the unit, below the reflections).

State only: the tables keep their names (Meta.db_table), the unit links keep theirs, so no row moves.
The content types are relabelled so admin permissions and history follow the models.
"""

import django.core.validators
import re
from django.db import migrations, models


MODELS = ("indicator2007", "standard2018")


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old, model__in=MODELS).update(app_label=new)


def relabel_content_types(apps, schema_editor):
    _relabel(apps, "taxonomy", "units")


def relabel_content_types_back(apps, schema_editor):
    _relabel(apps, "units", "taxonomy")


class Migration(migrations.Migration):

    dependencies = [
        ('units', '0002_unit_plan'),
        ('taxonomy', '0003_reflections'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Indicator2007',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=10, unique=True, validators=[django.core.validators.RegexValidator('^[1-4]\\.[1-4]\\.[1-9]$', 'Use standard.strand.indicator, e.g. 1.1.1.')])),
                ('standard', models.PositiveSmallIntegerField(choices=[(1, 'Inquire, think critically, and gain knowledge'), (2, 'Draw conclusions, make informed decisions, apply knowledge to new situations, and create new knowledge'), (3, 'Share knowledge and participate ethically and productively as members of our democratic society'), (4, 'Pursue personal and aesthetic growth')])),
                ('strand', models.PositiveSmallIntegerField(choices=[(1, 'Skills'), (2, 'Dispositions in action'), (3, 'Responsibilities'), (4, 'Self-assessment strategies')])),
                ('indicator', models.PositiveSmallIntegerField()),
            ],
            options={
                'verbose_name': 'AASL 2007 indicator',
                'verbose_name_plural': 'AASL 2007 indicators',
                'db_table': 'taxonomy_indicator2007',
                'ordering': ['standard', 'strand', 'indicator'],
            },
        ),
        migrations.AlterField(
            model_name='unit',
            name='standards_2007',
            field=models.ManyToManyField(blank=True, related_name='units', to='units.indicator2007', verbose_name='Standards for the 21st-Century Learner (2007)'),
        ),
        migrations.CreateModel(
            name='Standard2018',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('set', models.CharField(choices=[('learner', 'Learner'), ('librarian', 'School librarian'), ('library', 'School library')], max_length=20)),
                ('code', models.CharField(help_text='Foundation (I–VI), domain (A–D) and number, e.g. I.A.1.', max_length=12, validators=[django.core.validators.RegexValidator(re.compile('^(?P<foundation>I|II|III|IV|V|VI)\\.(?P<domain>[A-D])\\.(?P<number>[1-9][0-9]?)$'), 'Use foundation.domain.number, e.g. I.A.1 (foundations I–VI, domains A–D).')])),
                ('foundation', models.CharField(choices=[('I', 'I. Inquire'), ('II', 'II. Include'), ('III', 'III. Collaborate'), ('IV', 'IV. Curate'), ('V', 'V. Explore'), ('VI', 'VI. Engage')], editable=False, max_length=3)),
                ('domain', models.CharField(choices=[('A', 'A. Think'), ('B', 'B. Create'), ('C', 'C. Share'), ('D', 'D. Grow')], editable=False, max_length=1)),
                ('number', models.PositiveSmallIntegerField(editable=False)),
                ('heading', models.CharField(blank=True, help_text='A short phrase, not the copyrighted text.', max_length=200, verbose_name='short heading (optional)')),
            ],
            options={
                'verbose_name': 'AASL 2018 standard',
                'verbose_name_plural': 'AASL 2018 standards',
                'db_table': 'taxonomy_standard2018',
                'ordering': ['set', 'foundation', 'domain', 'number'],
                'constraints': [models.UniqueConstraint(fields=('set', 'code'), name='standard2018_unique_code_per_set')],
            },
        ),
        migrations.AlterField(
            model_name='unit',
            name='standards_2018',
            field=models.ManyToManyField(blank=True, related_name='units', to='units.standard2018', verbose_name='National School Library Standards (2018)'),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(relabel_content_types, relabel_content_types_back),
    ]
