from django.shortcuts import render

from taxonomy.levels import PARTNERSHIP_LEVELS


def rubric(request):
    """The levels of instructional partnership, explained in full (linked from every rubric widget)."""
    return render(request, "taxonomy/rubric.html", {"levels": PARTNERSHIP_LEVELS})
