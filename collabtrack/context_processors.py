def school(request):
    """The acting membership and school for every template (navigation shows what the role may do)."""
    membership = getattr(request, "membership", None)
    return {
        "membership": membership or None,
        "school": membership.school if membership else None,
    }
