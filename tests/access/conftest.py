"""A committee with its meetings and proposals, and two antennes' people, for the access grant tests."""

from tests.committee.conftest import (  # noqa: F401
    aid_type,
    board,
    file,
    head,
    meeting,
    ready,
    request_,
    signing_keys,
    team,
    worker,
)
from tests.files.conftest import colleague, other_team, outsider, report  # noqa: F401
