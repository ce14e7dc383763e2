"""Writes for reflections (STYLE.md: keyword-only, typed, atomic, full_clean before save)."""

import datetime as dt

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


def _save_owned(form, *, author, school) -> Reflection:
    reflection = form.save(commit=False)
    if reflection.pk is None:
        reflection.author = author
        reflection.school = school
    reflection.full_clean()
    reflection.save()
    return reflection


@transaction.atomic
def taxonomy_reflection_save(*, form, author, school: School) -> TaxonomyReflection:
    return _save_owned(form, author=author, school=school)


@transaction.atomic
def benefits_reflection_save(*, form, author, school: School) -> BenefitsReflection:
    return _save_owned(form, author=author, school=school)


@transaction.atomic
def roadblocks_reflection_save(
    *, form, roadblocks: list[dict], author, school: School
) -> RoadblocksReflection:
    """Save the reflection and its roadblocks (up to three), numbered 1.. in the order given.

    The roadblocks are replaced wholesale: nothing refers to a single roadblock, and renumbering in place
    would collide with the unique (reflection, position) pairs."""
    reflection = _save_owned(form, author=author, school=school)
    reflection.roadblocks.all().delete()
    for position, fields in enumerate(roadblocks, start=1):
        roadblock = Roadblock(reflection=reflection, position=position, **fields)
        roadblock.full_clean()
        roadblock.save()
    return reflection


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
