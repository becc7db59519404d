"""Ordering a plan (pure): parents before children, a path freed before it is reused,
deletions last.

Stages run one after the other; the actions inside one stage are independent:

1. *moves*: in the order the move resolver chose (one per stage: each may depend on the last);
2. *free*: keep-both renames and the removal of an item replaced by one of the other type;
3. *folders*: folder creations, one stage per depth, shallowest first;
4. *transfers*: uploads, downloads, content comparisons and journal-only updates;
5. *deletions*: deepest first; a folder deleted whole covers what is below it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from cozysync.models import Action, ActionKind, Plan
from cozysync.paths import depth, parent_of

__all__ = ["REPLACE_REASON", "assemble"]

REPLACE_REASON = "replaced by an item of the other type"
_FOLDERS = {ActionKind.MKDIR_LOCAL, ActionKind.MKDIR_REMOTE}
_TRANSFERS = {
    ActionKind.UPLOAD,
    ActionKind.DOWNLOAD,
    ActionKind.COMPARE_CONTENT,
    ActionKind.RECORD,
    ActionKind.FORGET,
}
_COVERED_BY_DELETION = {ActionKind.DELETE_REMOTE, ActionKind.TRASH_LOCAL, ActionKind.FORGET}


def assemble(
    move_actions: Sequence[Action], actions: Iterable[Action], reports: Sequence[Action]
) -> Plan:
    actions = _drop_covered(list(actions))
    free = [a for a in actions if a.kind is ActionKind.KEEP_BOTH or a.reason == REPLACE_REASON]
    rest = [a for a in actions if a not in free]
    stages: list[tuple[Action, ...]] = [(a,) for a in move_actions]
    if free:
        stages.append(_sorted(free))
    stages.extend(_by_depth([a for a in rest if a.kind in _FOLDERS], deepest_first=False))
    transfers = [a for a in rest if a.kind in _TRANSFERS]
    if transfers:
        stages.append(_sorted(transfers))
    stages.extend(_by_depth([a for a in rest if a.is_deletion], deepest_first=True))
    return Plan(stages=tuple(stages), reports=tuple(reports))


def _drop_covered(actions: list[Action]) -> list[Action]:
    """A folder deleted whole covers the deletions below it; a folder renamed to a
    conflict copy takes everything below it along (the next pass syncs the copy)."""
    deleted = {a.key for a in actions if a.is_deletion and a.is_dir}
    renamed = {a.key for a in actions if a.kind is ActionKind.KEEP_BOTH}
    kept = []
    for action in actions:
        folder = parent_of(action.key)
        covered = False
        while folder and not covered:
            covered = folder in renamed or (
                folder in deleted and action.kind in _COVERED_BY_DELETION
            )
            folder = parent_of(folder)
        if not covered:
            kept.append(action)
    return kept


def _by_depth(actions: list[Action], *, deepest_first: bool) -> list[tuple[Action, ...]]:
    groups: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        groups[depth(action.key)].append(action)
    return [_sorted(groups[d]) for d in sorted(groups, reverse=deepest_first)]


def _sorted(actions: list[Action]) -> tuple[Action, ...]:
    return tuple(sorted(actions, key=lambda a: (a.key, a.kind.value)))
