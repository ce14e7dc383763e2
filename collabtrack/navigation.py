"""What each role sees in the navigation, where each role starts, and the other pages a lower app links to.

The pages belong to the apps above collabtrack, so collabtrack names none of them: each app registers its
own in its AppConfig.ready() (tests/test_layers.py fails on a URL name of a higher app written here).

    navigation.register_page("units:list", "Units", ALL, position=30)
    navigation.register_page("reports:dashboard", "Dashboard", STAFF, position=60, group="Reports")
    navigation.register_start_page(Role.TEACHER, "units:list")
    navigation.register_link("rubric", "taxonomy:rubric")

The menu shows a user only what their role may do, smallest position first; entries with a group share one
drop-down menu. A role with no start page starts on the home page, which lists what it may do. A link
("rubric", "district home") is a page a lower app's page points to without naming its app.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from collabtrack.models import Role

ALL = tuple(Role.values)


@dataclass(frozen=True)
class MenuPage:
    url_name: str
    label: str
    roles: tuple[str, ...]
    position: int
    group: str = ""


_PAGES: dict[str, MenuPage] = {}
_START_PAGES: dict[str, str] = {}
_LINKS: dict[str, str] = {}


def register_page(url_name: str, label: str, roles, *, position: int, group: str = "") -> None:
    """Add a page to the menu of `roles` (registering the same URL name again replaces it)."""
    _PAGES[url_name] = MenuPage(url_name, label, tuple(roles), position, group)


def register_start_page(role: str, url_name: str) -> None:
    _START_PAGES[role] = url_name


def register_link(key: str, url_name: str) -> None:
    _LINKS[key] = url_name


def link_url(key: str) -> str:
    """The address of a registered link; empty when no app provides it."""
    name = _LINKS.get(key)
    return reverse(name) if name else ""


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
    for page in sorted(_PAGES.values(), key=lambda page: page.position):
        if membership.role not in page.roles:
            continue
        link = NavEntry(label=page.label, url=reverse(page.url_name))
        if not page.group:
            entries.append(link)
            continue
        if page.group not in groups:
            groups[page.group] = NavEntry(label=page.group)
            entries.append(groups[page.group])
        groups[page.group].links.append(link)
    return entries


def nav_links_for(membership) -> list[NavEntry]:
    """Every page of the menu as one flat list (the home page's "what you can do")."""
    return [link for entry in nav_items_for(membership) for link in (entry.links or [entry])]


def start_url(role: str) -> str | None:
    name = _START_PAGES.get(role)
    return reverse(name) if name else None


def start_page_for(membership) -> str | None:
    return start_url(membership.role)


def district_home_for(user) -> str | None:
    """Where a district coordinator acting in no school goes (the roll-up); None for anyone else."""
    district_home = start_url(Role.DISTRICT)
    return district_home if district_home and user.district_memberships.exists() else None
