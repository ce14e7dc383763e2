"""Reflections in the school export and back (issue 14): the ones the librarian shared with the principal,
written field by field from the column lists in school_columns.py and restored from the same lists.
Private reflections are never exported, so never restored."""

from collections.abc import Callable

from django.core.exceptions import ValidationError

from reports.imports.school_columns import (
    ACTION_ITEMS,
    BENEFITS_REFLECTIONS,
    REFLECTION_FILES,
    ROADBLOCKS,
    ROADBLOCKS_REFLECTIONS,
    TAXONOMY_REFLECTIONS,
    CsvKind,
)
from taxonomy.models import (
    ActionItem,
    BenefitsReflection,
    Roadblock,
    RoadblocksReflection,
    TaxonomyReflection,
)

MODELS = {
    TAXONOMY_REFLECTIONS.name: TaxonomyReflection,
    BENEFITS_REFLECTIONS.name: BenefitsReflection,
    ROADBLOCKS_REFLECTIONS.name: RoadblocksReflection,
}


def reflection_tables(school) -> list[tuple[CsvKind, list[list]]]:
    """Each reflection file with its rows, for the export's ZIP."""
    shared = {"school": school, "shared_with_principal": True}
    records = {
        name: list(model.objects.filter(**shared).select_related("author").order_by("reflected_on", "pk"))
        for name, model in MODELS.items()
    }
    of_shared = {"reflection__school": school, "reflection__shared_with_principal": True}
    records[ROADBLOCKS.name] = list(
        Roadblock.objects.filter(**of_shared).order_by("reflection_id", "position")
    )
    records[ACTION_ITEMS.name] = list(ActionItem.objects.filter(**of_shared).order_by("reflection_id", "pk"))
    return [
        (kind, [[column.export(record) for column in kind.columns] for record in records[kind.name]])
        for kind in REFLECTION_FILES
    ]


def reflections_restore(*, school, rows: dict[str, list[dict]], author_of: Callable, refuse: Callable) -> int:
    """Create the exported reflections in `school`, each by `author_of(login)`; `refuse(where, error)`
    turns a validation error into the restore's refusal. Returns how many reflections were made."""
    made = 0
    roadblock_reflections = {}
    for name, model in MODELS.items():
        for record in rows.get(name, []):
            fields = {k: v for k, v in record.items() if k not in ("line", "pk", "author_login")}
            if model is BenefitsReflection:
                fields["benefits_seen"] = list(fields["benefits_seen"])
            stamps = {"created_at": fields.pop("created_at"), "updated_at": fields.pop("updated_at")}
            reflection = model(school=school, author=author_of(record["author_login"]), **fields)
            reflection.shared_with_principal = True
            _checked(reflection, f"{name}, line {record['line']}", refuse, exclude=["school", "author"])
            reflection.save()
            model.objects.filter(pk=reflection.pk).update(**stamps)  # auto_now would overwrite them
            if model is RoadblocksReflection:
                roadblock_reflections[record["pk"]] = reflection.pk
            made += 1
    for name, model in ((ROADBLOCKS.name, Roadblock), (ACTION_ITEMS.name, ActionItem)):
        for record in rows.get(name, []):
            where = f"{name}, line {record['line']}"
            if record["reflection_ref"] not in roadblock_reflections:
                refuse(where, ValidationError("its reflection is not in reflections_roadblocks.csv."))
            fields = {k: v for k, v in record.items() if k not in ("line", "reflection_ref")}
            item = model(reflection_id=roadblock_reflections[record["reflection_ref"]], **fields)
            _checked(item, where, refuse, exclude=["reflection"])
            item.save()
    return made


def _checked(instance, where: str, refuse: Callable, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        refuse(where, error)
