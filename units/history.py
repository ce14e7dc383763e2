"""How a unit's history names what changed: one set of labels for the summary a save records and for the
unit page's history, so the two can never disagree (issue 14).

simple_history compares the unit's own columns (`diff_against`); the partners, grades, cited standards and
plan rows are not columns, so a plan save records their keys in its change reason ("Changed: teachers
duties"), always well under the reason's 100 characters. The page shows the two together, whole.
"""

from django.utils.text import capfirst

from units.models import Unit

CHANGED = "Changed"
# What the history cannot see in the unit's columns, in the planning template's order.
RELATED_LABELS = {
    "teachers": "Teacher partners",
    "grades": "Grade levels",
    "gaps": "Gaps in test data",
    "standards_2007": "AASL 2007 standards",
    "standards_2018": "AASL 2018 standards",
    "duties": "Cooperative teaching plan",
    "resources": "Resources",
}
# Column labels clearer than the model's verbose names out of context.
COLUMN_LABELS = {
    "adaptations_challenged": "Adaptations for challenged learners",
    "adaptations_gifted": "Adaptations for gifted learners",
    "adaptations_ell": "Adaptations for English-language learners",
    "adaptations_learning_styles": "Adaptations for learning styles",
}
NOT_SHOWN = ("version", "deleted_at")  # the version is bookkeeping; the summary says "Deleted"/"Restored"
REASON_LIMIT = 100  # simple_history's history_change_reason is a CharField(max_length=100)


def column_label(name: str) -> str:
    return COLUMN_LABELS.get(name) or capfirst(Unit._meta.get_field(name).verbose_name)


def change_reason(related_keys: list[str]) -> str:
    """The reason a plan save records: which related parts changed (the columns are in the diff)."""
    return " ".join([f"{CHANGED}:", *related_keys]) if related_keys else CHANGED


def short_reason(text: str) -> str:
    """Any other reason, cut at a word boundary with an ellipsis so it fits the reason's column."""
    if len(text) <= REASON_LIMIT:
        return text
    kept = text[: REASON_LIMIT - 1]
    return (kept.rsplit(None, 1)[0] if " " in kept else kept).rstrip(" ,;:(") + "…"


def read_reason(reason: str, column_changes: list[str]) -> tuple[str, list[str]]:
    """(what happened, the labels of everything that changed) from a record's reason and its diff."""
    head, _, tail = reason.partition(":")
    keys = tail.split()
    if head == CHANGED and all(key in RELATED_LABELS for key in keys):
        related = [RELATED_LABELS[key] for key in RELATED_LABELS if key in keys]
        return CHANGED, [column_label(name) for name in column_changes] + related
    # Free text (created, copied, deleted, restored, or recorded before issue 14): shown as it is.
    return reason, [column_label(name) for name in column_changes]
