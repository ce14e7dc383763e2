"""How a person is named: one display name for pages, PDFs, e-mails, histories and exports (issue 14: the
unit history said "Maya Okafor" where the statistics history said "librarian")."""


def display_name(user) -> str:
    """The person's full name, else their login name; blank for nobody (a deleted user, a change made
    outside the app)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
