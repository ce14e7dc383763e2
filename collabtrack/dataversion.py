"""A version of each school's data, so generated files can be kept until what they show changes.

`School.data_version` moves whenever a model registered here is saved or deleted, or one of its
many-to-many links changes: signals (post_save, post_delete, m2m_changed) connected once per model. The
apps above collabtrack register their models in their AppConfig.ready() (collabtrack imports none of them).
Writes that bypass signals (bulk_create, QuerySet.update) call `school_data_changed` themselves.

Why signals rather than a fingerprint computed from the history tables: plan sections (gaps, duties,
resources), attachments and the teacher/grade links keep no history, so a fingerprint would miss them;
a signal sees every ordinary save wherever it comes from (a form, a service, the admin, a job).

The new version is the larger of "old + 1" and the clock in nanoseconds, never a value used before: a
`School.save()` of an instance loaded before a change writes an old version back, and the post_save bump
that follows at once moves it to a fresh one, so an old kept file can never match again.
"""

import hashlib
import time
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Model
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save

from collabtrack.models import District, School

_M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}


def school_data_changed(school_ids: int | School | Iterable[int | School] | None) -> None:
    """Move the data version of these schools (a school, its id, or several) when the current
    transaction commits, once per school however many rows changed (at once outside a transaction).

    After the commit, not inside: the version's UPDATE would otherwise lock the school's row for the
    whole transaction (a 10,000-row import would hold up every other save of that school), and a
    rolled-back change must not move it."""
    if school_ids is None:
        return
    if isinstance(school_ids, int | School):
        school_ids = [school_ids]
    ids = {school.pk if isinstance(school, School) else school for school in school_ids}
    ids.discard(None)
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _bump(ids)
        return
    for _savepoints, callback, _robust in connection.run_on_commit:
        pending = getattr(callback, "pending_school_ids", None)
        if pending is not None:
            pending.update(ids)
            return

    def bump_pending():
        _bump(bump_pending.pending_school_ids)

    bump_pending.pending_school_ids = set(ids)
    transaction.on_commit(bump_pending)


def _bump(ids: set[int]) -> None:
    School.objects.filter(pk__in=ids).update(data_version=Greatest(F("data_version") + 1, time.time_ns()))


def _school_id_of(instance: Model, path: str) -> int | None:
    """Follow `path` ("school" or "unit__school") from the instance to its school's id."""
    *hops, last = path.split("__")
    current = instance
    for position, hop in enumerate(hops):
        field = current._meta.get_field(hop)
        if field.is_cached(current):
            current = getattr(current, hop)
            continue
        remote_id = getattr(current, field.attname)
        if remote_id is None:
            return None
        rest = "__".join([*hops[position + 1 :], last])
        # The base manager: a unit in the bin still belongs to its school.
        return field.related_model._base_manager.filter(pk=remote_id).values_list(rest, flat=True).first()
    return getattr(current, f"{last}_id", None)


def track(model: type[Model], path: str = "school") -> None:
    """Every save or delete of `model` moves the version of the school at `path`."""

    def changed(sender, instance, **kwargs):
        if kwargs.get("raw"):  # loaddata: the fixture carries its own version
            return
        school_data_changed(_school_id_of(instance, path))

    uid = f"collabtrack.dataversion.{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.delete")


def track_m2m(field_owner: type[Model], field_name: str, path: str = "school") -> None:
    """Adding or removing links of `field_owner.field_name` moves the owner's school's version."""
    through = field_owner._meta.get_field(field_name).remote_field.through

    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse and action in _M2M_ACTIONS:
            school_data_changed(_school_id_of(instance, path))
        elif reverse and action in ("post_add", "post_remove") and pk_set:
            school_data_changed(
                list(field_owner._base_manager.filter(pk__in=pk_set).values_list(path, flat=True).distinct())
            )
        elif reverse and action == "pre_clear":  # after the clear the owners are gone from the links
            school_data_changed(
                list(field_owner._base_manager.filter(**{field_name: instance}).values_list(path, flat=True))
            )

    uid = f"collabtrack.dataversion.{field_owner._meta.label}.{field_name}"
    m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=uid)


def district_data_version(district: District) -> int:
    """A version of a district's data, for the district board PDF: it moves when any school of the
    district changes (its data version), joins or leaves. A district's own changes (its name, its months)
    move every school's version (`_district_saved`), so they are covered too. One query.

    A digest, not a sum or a maximum: a school that leaves must move it as surely as one that changes.
    63 bits, so it fits the kept file's PositiveBigIntegerField on PostgreSQL."""
    pairs = School.objects.filter(district=district).order_by("pk").values_list("pk", "data_version")
    digest = hashlib.blake2b(repr(list(pairs)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def data_version_of(owner: School | District) -> int:
    """The version a kept file of `owner` is filed under (collabtrack.kept_files)."""
    return district_data_version(owner) if isinstance(owner, District) else owner.data_version


def _school_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        school_data_changed(instance.pk)


def _district_saved(sender, instance, raw=False, **kwargs):
    """The district's name is on every school's board PDF cover and its months are the schools' default."""
    if not raw:
        school_data_changed(list(School.objects.filter(district=instance).values_list("pk", flat=True)))


def connect_core() -> None:
    """The core's own models: the school (its name and months are printed) and its staff directory."""
    from collabtrack.models import StaffMember

    post_save.connect(_school_saved, sender=School, dispatch_uid="collabtrack.dataversion.school")
    post_save.connect(_district_saved, sender=District, dispatch_uid="collabtrack.dataversion.district")
    track(StaffMember)
