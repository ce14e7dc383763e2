"""Grade levels PreK, K, 1-12 and their compact display ("Gr. 6–8")."""

GRADE_CHOICES = [(-1, "PreK"), (0, "K")] + [(n, str(n)) for n in range(1, 13)]
GRADE_LABELS = dict(GRADE_CHOICES)


def grade_label(order: int) -> str:
    return GRADE_LABELS[order]


def grade_span(orders) -> str:
    """Compact label for a set of grades: "Gr. 6–8", "Gr. K–2, 5", "PreK"; "" for none."""
    values = sorted(set(orders))
    if not values:
        return ""
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    parts = []
    for run in runs:
        if len(run) == 1:
            parts.append(grade_label(run[0]))
        elif len(run) == 2:
            parts.append(f"{grade_label(run[0])}, {grade_label(run[1])}")
        else:
            parts.append(f"{grade_label(run[0])}–{grade_label(run[-1])}")
    text = ", ".join(parts)
    return text if values == [-1] else f"Gr. {text}"
