"""What each role sees in the navigation and where each role starts.

Each app adds its pages here as (URL name, label, roles), so the menu shows a user only what their role
may do, and START_PAGES names where each role lands after logging in.
"""

from django.urls import reverse

from collabtrack.models import Role

ALL = tuple(Role.values)

NAV_ITEMS: list[tuple[str, str, tuple[str, ...]]] = [
    ("units:quick_log", "Log a unit", (Role.LIBRARIAN,)),
    ("units:list", "Units", ALL),
    ("staff_list", "Staff directory", ALL),
    ("reports:dashboard", "Dashboard", (Role.LIBRARIAN, Role.PRINCIPAL, Role.DISTRICT)),
    ("reports:annual_current", "Annual summary", ALL),
    ("reports:monthly_current", "Monthly report", ALL),
    ("reports:statistics_current", "Library statistics", (Role.LIBRARIAN,)),
    ("taxonomy:reflections", "My reflections", (Role.LIBRARIAN,)),
    ("taxonomy:shared_reflections", "Shared reflections", (Role.PRINCIPAL,)),
    ("data:index", "Import and export", (Role.LIBRARIAN, Role.PRINCIPAL)),
]

# A role without an entry starts on the home page, which lists what it may do.
START_PAGES: dict[str, str] = {
    Role.LIBRARIAN: "units:quick_log",
    Role.TEACHER: "units:list",
    Role.PRINCIPAL: "reports:dashboard",
    Role.DISTRICT: "reports:dashboard",
}


def nav_items_for(membership) -> list[tuple[str, str]]:
    if not membership:
        return []
    return [(reverse(name), label) for name, label, roles in NAV_ITEMS if membership.role in roles]


def start_page_for(membership) -> str | None:
    name = START_PAGES.get(membership.role)
    return reverse(name) if name else None
