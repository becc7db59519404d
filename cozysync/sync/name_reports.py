"""The names waiting for the user, typed.

A plan's REPORT actions (``Plan.reports``) are names the sync leaves alone until the user
renames them: a name the other side cannot store, a server name this computer cannot
represent at all (``ReportsSkippedItems``), two names that differ only in case or in
Unicode form.  ``name_problems`` gives each as an ``ItemError`` of kind ``"unstorable"``
or ``"clash"``: the facade shows them with their message ids (``item.unstorable``,
``item.name_clash``), the reason as the detail.

Which it is comes from the side ``views.TreeViews`` froze the name on
(``Action.source_path``: ``LOCAL_SIDE`` or ``SERVER_SIDE``; None for a clash), never
from the reason's words.
"""

from __future__ import annotations

from collections.abc import Iterable

from cozysync.models import Action, ItemError

__all__ = ["CLASH", "LOCAL_SIDE", "SERVER_SIDE", "UNSTORABLE", "name_problems"]

LOCAL_SIDE = "local"  # a name here the server cannot store
SERVER_SIDE = "remote"  # a name on the server this computer cannot store or represent
UNSTORABLE = "unstorable"  # ItemError.kind
CLASH = "clash"

_HINTS = {
    LOCAL_SIDE: "Rename it on this computer; it stays here until then.",
    SERVER_SIDE: "Rename it on the server; it stays there until then.",
    None: "Rename one of them; both stay where they are until then.",
}


def name_problems(reports: Iterable[Action]) -> list[ItemError]:
    """Each reported name as an ItemError (nothing retried: it waits for the user)."""
    return [
        ItemError(
            report.local_path,
            report.reason or "this name cannot be synced",
            _HINTS.get(report.source_path, _HINTS[None]),
            kind=CLASH if report.source_path is None else UNSTORABLE,
        )
        for report in reports
    ]
