"""Hostile input, shared by every app's hostile-input tests (tests/<app>/test_hostile_*.py): the answer
to a hostile submission is a form error or a success, never a server error, and a refused submission
writes nothing (no half-saved rows).

Each example runs inside a transaction that is rolled back (`rolled_back`), so examples are independent.
To fuzz a new form, add a test next to the tests of what it attacks that calls `submit(...)` with
`hostile_overrides(fields)` applied to a valid submission. Example counts are kept small on purpose: CI
runs the whole suite twice.
"""

import datetime as dt
from contextlib import contextmanager

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


NASTY = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE collabtrack_staffmember; --",
    "' OR '1'='1",
    "\x00",
    "abc\x00def",
    "\x1b[31mred",
    "\u202eevil",
    "\ufeff",
    "{{ 7*7 }}{% debug %}",
    "%s%s%n",
    "../../../etc/passwd",
    "NaN",
    "-1",
    "0",
    "9" * 40,
    "1e309",
    "true",
    "[]",
    "0001-01-01",
    "9999-12-31",
    "2025-02-30",
    "1900-01-01",
    "x" * 100_000,
]


HOSTILE_VALUE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs"]), max_size=20),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


# A field may be sent once, several times (a list), or not at all (MISSING).
MISSING = object()


FIELD_VALUE = st.one_of(HOSTILE_VALUE, st.lists(HOSTILE_VALUE, min_size=2, max_size=3), st.just(MISSING))


def hostile_overrides(fields):
    """Replace any subset of `fields` with hostile values (or drop them)."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys(fields, FIELD_VALUE))


def apply(valid: dict, overrides: dict) -> dict:
    data = dict(valid)
    for name, value in overrides.items():
        if value is MISSING:
            data.pop(name, None)
        else:
            data[name] = value
    return data


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def counts(*models) -> dict:
    return {model.__name__: model.objects.count() for model in models}


def submit(client, url, data, *, ok=(200, 302)):
    response = client.post(url, data)
    assert response.status_code in ok, f"POST {url} {data!r:.300}: HTTP {response.status_code}"
    return response


FILE_NAMES = st.one_of(
    st.sampled_from(
        ["handout.pdf", "a.PDF", ".pdf", "x.exe", "evil.html", "../../etc/passwd.txt", "a\x00.txt",
         "n" * 300 + ".txt", "résumé.docx", "<script>.png", "noextension", "CON.txt", "a.txt.exe", " .txt"]
    ),
    st.text(min_size=1, max_size=30).map(lambda stem: stem + ".txt"),
)  # fmt: skip


FILE_CONTENT = st.one_of(
    st.just(b""),
    st.binary(max_size=2048),
    st.sampled_from([b"%PDF-1.7\n%\xe2\xe3\n", b"\x89PNG\r\n\x1a\n", b"MZ\x90\x00", b"<html>x</html>",
                     b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "plain text, é".encode()]),
)  # fmt: skip
