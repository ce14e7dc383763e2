"""The authorization matrix's vocabulary: the personas (columns), a Row, and the usual rows of statuses."""

from collections.abc import Callable
from dataclasses import dataclass

from tests.authorization.objects import Objects

ROLES = ("anonymous", "librarian", "teacher", "principal", "district", "outsider")
L = "login"

Status = int | str | tuple


@dataclass(frozen=True)
class Row:
    get: tuple[Status, ...]
    post: tuple[Status, ...]
    kwargs: Callable[[Objects], dict] | None = None
    data: Callable[[Objects], dict] | None = None

    def __post_init__(self):
        assert len(self.get) == len(ROLES) and len(self.post) == len(ROLES), f"six statuses: {ROLES}"


ALL_200 = (L, 200, 200, 200, 200, 200)
NO_POST = (L, 405, 405, 405, 405, 405)
PUBLIC = (200, 200, 200, 200, 200, 200)
NOTHING_TO_POST = (405, 405, 405, 405, 405, 405)
PASSWORD_RESET_CONFIRM = {"uidb64": "MQ", "token": "no-such-token"}
STAGED = {"token": "AAAAAAAAAAAAAAAAAAAAAA"}  # a well-formed import token that no session staged

DISTRICT_ONLY = (L, 403, 403, 403, 200, 403)
DISTRICT_YEAR = {"school_year": "2025-26"}
