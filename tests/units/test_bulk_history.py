"""Units created in bulk get the same "created" history record simple_history would write itself
(units/bulk_history.py copies the rows in the database instead of building them in Python)."""

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from units import bulk_history, services
from units.models import Unit
from units.unit_data import GapRow, NewUnit, PlanTexts

pytestmark = pytest.mark.django_db

# Which record, when: the only fields that differ between two records of the same row.
BOOKKEEPING = ("history_id", "history_date")


def _record(history) -> dict:
    values = model_to_dict(history, exclude=BOOKKEEPING)
    values["history_user"] = history.history_user_id
    return values


def test_each_unit_created_in_bulk_has_simple_historys_own_record(school, librarian):
    units = [
        NewUnit(
            title="Volcanoes", start_date=dt.date(2025, 10, 6), level=2, texts=PlanTexts(overview="Lava.")
        ),
        NewUnit(
            title="Food webs",
            start_date=dt.date(2025, 11, 3),
            end_date=dt.date(2025, 11, 20),
            level=4,
            gaps=(GapRow("Science", "Energy in ecosystems"),),
            texts=PlanTexts(time_frame="three weeks", extensions="A visit to the pond."),
        ),
        NewUnit(title="Poetry", start_date=dt.date(2099, 1, 1)),  # planned, no level
    ]
    created = services.units_create(school=school, created_by=librarian, units=units)
    for unit in created:
        [ours] = Unit.history.filter(id=unit.pk)
        assert (ours.history_type, ours.history_user_id, ours.history_change_reason) == (
            "+",
            librarian.pk,
            None,
        )
        # simple_history's own record, as bulk_create_with_history (units_create's former path) wrote it
        Unit.history.bulk_history_create([unit], default_user=librarian, default_change_reason=None)
        theirs = Unit.history.filter(id=unit.pk).exclude(history_id=ours.history_id).get()
        assert _record(ours) == _record(theirs)
        assert ours.instance.title == unit.title and ours.instance.level == unit.level


def test_records_are_written_in_batches_and_only_for_the_rows_named(school, librarian, monkeypatch):
    monkeypatch.setattr(bulk_history, "BATCH", 2)
    units = [NewUnit(title=f"Unit {n}", start_date=dt.date(2025, 10, 1 + n)) for n in range(5)]
    created = services.units_create(school=school, created_by=None, units=units)
    records = Unit.history.filter(id__in=[unit.pk for unit in created])
    assert sorted(records.values_list("title", flat=True)) == [f"Unit {n}" for n in range(5)]
    assert set(records.values_list("history_user", flat=True)) == {None}
    assert Unit.history.count() == 5
