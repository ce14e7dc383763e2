"""History records ("created") for rows inserted in bulk, copied by the database: INSERT … SELECT.

simple_history's `bulk_history_create` builds one historical instance per row and has Django turn each of
its values into SQL; for the 10,000-row log import that was a third of the worker's time. The record of a
row just created is its own columns plus when, who and "+", so the database copies it in one statement
per batch instead. The columns are read from the history model's tracked fields, so a field added to the
model is carried with no change here; tests/units/test_bulk_history.py compares the records with the ones
simple_history writes itself.
"""

from collections.abc import Sequence

from django.conf import settings
from django.db import connections, models, router
from django.utils import timezone

BATCH = 500  # ids per statement: well under SQLite's limit on parameters


def _copies_by_sql(history) -> bool:
    """Only a history whose own key the database numbers (the default); a UUID history id falls back."""
    return isinstance(history._meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField)


def history_of_created(model: type[models.Model], pks: Sequence[int], *, user=None) -> None:
    """Record "created" (history_type "+") for the rows of `model` with these primary keys, as
    simple_history's bulk_create_with_history would: their current values, now, by `user`, no reason."""
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    manager = model.history
    history = manager.model
    if not _copies_by_sql(history):
        manager.bulk_history_create(model._base_manager.filter(pk__in=pks), default_user=user)
        return
    using = router.db_for_write(history)
    connection = connections[using]
    quote = connection.ops.quote_name
    tracked = history.tracked_fields
    target = [history._meta.get_field(field.name).column for field in tracked]
    target += [
        history._meta.get_field(name).column
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    ]
    source = [quote(field.column) for field in tracked]
    date = history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection)
    fixed = [date, None, "+", user.pk if user is not None else None]
    into = f"{quote(history._meta.db_table)} ({', '.join(map(quote, target))})"
    select = f"{', '.join(source)}, %s, %s, %s, %s FROM {quote(model._meta.db_table)}"
    key = quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), BATCH):
            batch = list(pks[start : start + BATCH])
            ids = ", ".join(["%s"] * len(batch))
            # Identifiers from the models' own metadata, quoted; every value is a parameter.
            sql = f"INSERT INTO {into} SELECT {select} WHERE {key} IN ({ids})"  # noqa: S608
            cursor.execute(sql, [*fixed, *batch])
