"""The server's standing warnings about the account, kept in the folder's status
(issue 15, item 10 leftover): a Cozy's new terms of service to accept, or any warning its
``GET /settings/warnings`` lists, stay in ``status`` (and ``status --json``) with their
words and link until a start of the engine finds them gone.  They are told once as an
``ErrorRaised`` without a path (the app's "A word from your cloud"); this is what is left
to read afterwards, also by another process (kept in the journal's meta, no secret).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from cozysync.messages import Message, message
from cozysync.ports import Journal

__all__ = ["META_ACCOUNT_WARNINGS", "read_warnings", "save_warnings"]

META_ACCOUNT_WARNINGS = "account.warnings"


def save_warnings(journal: Journal, warnings: Sequence[Message]) -> None:
    """Keep ``warnings`` as the ones standing now (none: forget the ones kept)."""
    rows = [{"id": w.id, "params": w.args} for w in warnings]
    journal.set_meta(META_ACCOUNT_WARNINGS, json.dumps(rows) if rows else None)


def read_warnings(journal: Journal) -> tuple[Message, ...]:
    """The warnings standing at the last start that asked (an unreadable row is left
    out: the next start says it again)."""
    try:
        rows = json.loads(journal.get_meta(META_ACCOUNT_WARNINGS) or "[]")
    except ValueError:
        return ()
    found = []
    for row in rows if isinstance(rows, list) else ():
        if isinstance(row, dict) and isinstance(row.get("id"), str):
            params = row.get("params")
            found.append(message(row["id"], params if isinstance(params, dict) else None))
    return tuple(found)
