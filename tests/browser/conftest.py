"""Browser harness: real Chromium (Debian's /usr/bin/chromium) driven by Playwright's sync API.

How to write a browser test (e.g. tests/browser/test_units_browser.py)::

    import pytest

    pytestmark = pytest.mark.browser

    def test_librarian_sees_units(page, login, librarian, school, assert_accessible):
        login(page, librarian)                      # the real login form (and the school chooser if asked)
        page.goto("/units/")                        # relative URLs: the context's base_url is the live server
        assert page.get_by_role("heading", level=1).inner_text() == "Units"
        assert_accessible(page)                     # axe-core, WCAG 2.2 A/AA; fails with rule id + elements

Submitting a form: wrap the click or key press in ``with page.expect_navigation():``. A bare
``page.wait_for_load_state()`` after it can return before the browser has even left the old page (the old
page is "loaded"), and the next assertion then reads the old page: a flaky test.

Fixtures:
- ``page``: a fresh browser context + page per test, base_url = pytest-django's ``live_server``. The
  Content-Security-Policy is enforced (no bypass), and every CSP violation or uncaught JS error the page
  reports is collected; ``assert_accessible`` fails on them too. A screenshot of a failing test is saved to
  ``test-artifacts/<test name>.png``.
- ``login(page, user, school=None)``: logs in through the login form with the factories' password; when
  the user belongs to several schools it picks ``school`` (or the first) on the chooser.
- ``assert_accessible(page, context=None)``: injects axe-core (bundled by axe-playwright-python) and fails on
  any violation of the tags ``wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa``, printing rule id, impact and
  targets.
- ``browser``: one Chromium for the whole session.
- The persona fixtures from tests/conftest.py (school, librarian, teacher, principal, district, outsider)
  work unchanged: a test using ``page`` runs in a transactional database (the live server runs in another
  thread) and the migrations' data (grade levels, AASL indicators) is restored by serialized rollback.

Playwright's sync API runs an event loop in this thread, so Django refuses ORM calls from here unless
DJANGO_ALLOW_ASYNC_UNSAFE is set; it is set below for the browser tests only (the ORM is still used from
one thread at a time, which is what the check protects).
Mark every browser test ``@pytest.mark.browser`` (``pytest -m "not browser"`` skips them).
"""

import os
import re
import signal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection, connections

from tests.factories import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Playwright's default 30 s hides hangs for too long; a page of this app answers in well under a second.
TIMEOUT_MS = 10_000


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Remember each phase's outcome on the item so the page fixture knows whether to keep a screenshot.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Every browser test logs in through the form; the production hasher costs ~0.5 s per hash by design.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (installs Debian's chromium).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
        # While Playwright runs, this thread's database connections live in another storage
        # (tests/conftest.py::_serialized_rollback_in_every_context explains): close them now, or the
        # test database cannot be dropped at the end ("being accessed by other users").
        connections.close_all()


class PageProblems:
    """What the page reported on its own: CSP violations, uncaught script errors."""

    def __init__(self, page):
        self.messages: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"uncaught error: {error}"))

    def _console(self, message):
        if message.type == "error" and re.search(r"Content Security Policy|Refused to", message.text):
            self.messages.append(f"CSP: {message.text}")


_problems: dict[int, PageProblems] = {}


@pytest.fixture
def page(request, browser, live_server, django_db_serialized_rollback):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    _problems[id(page)] = PageProblems(page)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as error:  # noqa: BLE001 - a lost screenshot must not hide the real failure
            print(f"screenshot failed: {error}")
    _problems.pop(id(page), None)
    context.close()


def page_problems(page) -> list[str]:
    problems = _problems.get(id(page))
    return list(problems.messages) if problems else []


def do_login(page, user, school=None, password: str = PASSWORD):
    """Log in through the real form; on the school chooser pick `school` (default: the first listed)."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(password)
    # wait_for_load_state() right after a click can return before the navigation starts (it sees the old
    # page loaded): wait for the navigation the click causes instead.
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    if "/schools/choose/" in page.url:
        if school is not None:
            page.get_by_label(re.compile(re.escape(school.name))).check()
        else:
            page.get_by_role("radio").first.check()
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("Continue|Choose|Select", re.I)).click()
    assert "/accounts/login/" not in page.url, f"login as {user} failed: still on {page.url}"
    return page


@pytest.fixture
def login():
    return do_login


def check_accessible(page, context=None) -> None:
    results = Axe().run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    lines.extend(f"- {problem}" for problem in page_problems(page))
    if lines:
        pytest.fail(f"{page.url} is not accessible / not CSP-clean:\n" + "\n".join(lines), pytrace=False)


@pytest.fixture
def assert_accessible():
    return check_accessible


# --- a background worker for journeys through jobs -----------------------------------------------------
# Huey's own consumer in a thread of this process, on a queue in memory: the live server's test database is
# SQLite in memory (or a PostgreSQL test database), which a thread reaches and a separate process could not.
# tests/jobs/ proves the same jobs with a real `run_huey` process.
@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def worker(page, media):
    """start() runs a Huey consumer (one worker thread) on a fresh in-memory queue until the test ends."""
    from huey.contrib.djhuey import HUEY
    from huey.signals import SIGNAL_COMPLETE, SIGNAL_ERROR
    from huey.storage import MemoryStorage

    saved_storage = HUEY.storage
    HUEY.storage = MemoryStorage("collabtrack-browser")
    # The consumer sets the process's signal handlers; pytest's own come back afterwards.
    saved_handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}

    @HUEY.signal(SIGNAL_COMPLETE, SIGNAL_ERROR)
    def close_connection(*args, **kwargs):
        connection.close()  # the worker thread's own connection: none may outlive the test database

    consumers = []

    def start():
        consumer = HUEY.create_consumer(
            workers=1, worker_type="thread", periodic=False, initial_delay=0.05, max_delay=0.2
        )
        consumer.start()
        consumers.append(consumer)
        return consumer

    yield start
    for consumer in consumers:
        consumer.stop(graceful=True)
    HUEY.disconnect_signal(close_connection)
    HUEY.storage = saved_storage
    for sig, handler in saved_handlers.items():
        signal.signal(sig, handler)
