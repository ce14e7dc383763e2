"""What each role sees in the navigation and where each role starts.

Each app adds its pages here as (URL name, label, roles[, group]), so the menu shows a user only what
their role may do; entries with a group share one drop-down menu. START_PAGES names where each role lands
after logging in.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from collabtrack.models import Role

ALL = tuple(Role.values)

NAV_ITEMS: list[tuple] = [
    ("district:rollup", "District roll-up", (Role.DISTRICT,)),
    ("units:quick_log", "Log a unit", (Role.LIBRARIAN,)),
    ("units:list", "Units", ALL),
    ("staff_list", "Staff directory", ALL),
    ("people:index", "People and invitations", (Role.LIBRARIAN, Role.DISTRICT)),
    ("reports:dashboard", "Dashboard", (Role.LIBRARIAN, Role.PRINCIPAL, Role.DISTRICT), "Reports"),
    ("reports:annual_current", "Annual summary", ALL, "Reports"),
    ("reports:monthly_current", "Monthly report", ALL, "Reports"),
    ("reports:statistics_current", "Library statistics", (Role.LIBRARIAN,), "Reports"),
    ("reports:deliveries", "Reports e-mailed", (Role.LIBRARIAN, Role.PRINCIPAL), "Reports"),
    ("taxonomy:reflections", "My reflections", (Role.LIBRARIAN,)),
    ("taxonomy:shared_reflections", "Shared reflections", (Role.PRINCIPAL,)),
    ("data:index", "Import and export", (Role.LIBRARIAN, Role.PRINCIPAL)),
]

# A role without an entry starts on the home page, which lists what it may do.
START_PAGES: dict[str, str] = {
    Role.LIBRARIAN: "units:quick_log",
    Role.TEACHER: "units:list",
    Role.PRINCIPAL: "reports:dashboard",
    Role.DISTRICT: "district:rollup",
}


@dataclass
class NavEntry:
    label: str
    url: str = ""
    links: list["NavEntry"] = field(default_factory=list)  # a group's pages; empty for a plain link


def nav_items_for(membership) -> list[NavEntry]:
    """The menu for the membership's role: plain links, and groups of links in the order first named."""
    if not membership:
        return []
    entries: list[NavEntry] = []
    groups: dict[str, NavEntry] = {}
    for name, label, roles, *group in NAV_ITEMS:
        if membership.role not in roles:
            continue
        link = NavEntry(label=label, url=reverse(name))
        if not group:
            entries.append(link)
            continue
        if group[0] not in groups:
            groups[group[0]] = NavEntry(label=group[0])
            entries.append(groups[group[0]])
        groups[group[0]].links.append(link)
    return entries


def nav_links_for(membership) -> list[NavEntry]:
    """Every page of the menu as one flat list (the home page's "what you can do")."""
    return [link for entry in nav_items_for(membership) for link in (entry.links or [entry])]


def start_page_for(membership) -> str | None:
    name = START_PAGES.get(membership.role)
    return reverse(name) if name else None
