"""What taxonomy puts on the start pages (collabtrack.panels): the librarian's latest self-assessment."""

from taxonomy.selectors import latest_level

LATEST_LEVEL_TEMPLATE = "taxonomy/_latest_level.html"


def latest_level_context(request) -> dict:
    """The librarian's latest self-assessment and what the next level asks for (one query); nothing
    for the other roles."""
    membership = getattr(request, "membership", None)
    if not membership or not membership.is_librarian:
        return {"show": False}
    return {"show": True, "latest": latest_level(membership)}
