"""Writes for reflections (STYLE.md: keyword-only, typed, atomic, full_clean before save)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from collabtrack.models import School
from taxonomy.checklists import STRATEGY_TEXTS
from taxonomy.models import (
    ActionItem,
    BenefitsReflection,
    Reflection,
    Roadblock,
    RoadblocksReflection,
    TaxonomyReflection,
)


@dataclass(frozen=True)
class RoadblockRow:
    """One roadblock of a roadblocks reflection (up to three, numbered in the order given)."""

    explanation: str
    category: str  # taxonomy.checklists.RoadblockCategory
    potential_solution: str = ""


def _save_owned(reflection: Reflection, *, author, school: School, **values) -> Reflection:
    """Fill in and save a reflection: a new one belongs to `author` and `school`; an edit never changes
    who owns it."""
    if reflection.pk is None:
        reflection.author = author
        reflection.school = school
    for name, value in values.items():
        setattr(reflection, name, value)
    reflection.full_clean()
    reflection.save()
    return reflection


@transaction.atomic
def taxonomy_reflection_save(
    *,
    reflection: TaxonomyReflection | None = None,
    author,
    school: School,
    reflected_on: dt.date,
    level: int,
    working_well: str,
    greatest_success: str,
    next_level_needs: str,
    shared_with_principal: bool = False,
) -> TaxonomyReflection:
    """Create (reflection=None) or update a taxonomy self-assessment."""
    return _save_owned(
        _stored(TaxonomyReflection, reflection),
        author=author,
        school=school,
        reflected_on=reflected_on,
        level=level,
        working_well=working_well,
        greatest_success=greatest_success,
        next_level_needs=next_level_needs,
        shared_with_principal=shared_with_principal,
    )


@transaction.atomic
def benefits_reflection_save(
    *,
    reflection: BenefitsReflection | None = None,
    author,
    school: School,
    reflected_on: dt.date,
    teachers: str = "",
    librarians: str = "",
    students: str = "",
    test_data: str = "",
    benefits_seen: Sequence[str] = (),
    shared_with_principal: bool = False,
) -> BenefitsReflection:
    """Create (reflection=None) or update a who-benefits reflection; `benefits_seen` are checklist keys."""
    return _save_owned(
        _stored(BenefitsReflection, reflection),
        author=author,
        school=school,
        reflected_on=reflected_on,
        teachers=teachers,
        librarians=librarians,
        students=students,
        test_data=test_data,
        benefits_seen=list(benefits_seen),
        shared_with_principal=shared_with_principal,
    )


@transaction.atomic
def roadblocks_reflection_save(
    *,
    reflection: RoadblocksReflection | None = None,
    author,
    school: School,
    reflected_on: dt.date,
    roadblocks: Sequence[RoadblockRow],
    shared_with_principal: bool = False,
) -> RoadblocksReflection:
    """Save the reflection and its roadblocks (up to three), numbered 1.. in the order given.

    The roadblocks are replaced wholesale: nothing refers to a single roadblock, and renumbering in place
    would collide with the unique (reflection, position) pairs."""
    reflection = _save_owned(
        _stored(RoadblocksReflection, reflection),
        author=author,
        school=school,
        reflected_on=reflected_on,
        shared_with_principal=shared_with_principal,
    )
    reflection.roadblocks.all().delete()
    for position, row in enumerate(roadblocks, start=1):
        roadblock = Roadblock(
            reflection=reflection,
            position=position,
            explanation=row.explanation,
            category=row.category,
            potential_solution=row.potential_solution,
        )
        roadblock.full_clean()
        roadblock.save()
    return reflection


def _stored(model, reflection):
    """The stored row to change (whatever a form did to the caller's copy), or a new one."""
    return model() if reflection is None else model.objects.get(pk=reflection.pk)


@transaction.atomic
def reflection_share_set(*, reflection: Reflection, shared: bool) -> Reflection:
    reflection.shared_with_principal = shared
    reflection.full_clean()
    reflection.save(update_fields=["shared_with_principal", "updated_at"])
    return reflection


@transaction.atomic
def reflection_delete(*, reflection: Reflection) -> None:
    reflection.delete()


@transaction.atomic
def action_item_create(
    *, reflection: RoadblocksReflection, category: str, strategy: str, text: str, due_on: dt.date
) -> ActionItem:
    item = ActionItem(
        reflection=reflection,
        category=category,
        strategy=strategy,
        text=text or STRATEGY_TEXTS.get(strategy, ""),
        due_on=due_on,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_set_done(*, item: ActionItem, done_on: dt.date | None) -> ActionItem:
    """Tick an action item off (on `done_on`) or, with None, untick it."""
    item.done_on = done_on
    item.full_clean()
    item.save(update_fields=["done_on"])
    return item
