"""The one rule that decides a folder's state from the facts (``decide_state``): a
table, every row a named case."""

from __future__ import annotations

import pytest

import cozysync.folder_state as folder_state_module
from cozysync.events import StatusKind
from cozysync.folder_state import FolderFacts, decide_state, state_text

UP, ATTENTION = StatusKind.UP_TO_DATE, StatusKind.NEEDS_ATTENTION

CASES = {
    "nothing waits": (FolderFacts(), UP),
    "a local change not sent yet": (FolderFacts(pending_changes=1), ATTENTION),
    "a local change a watch loop is about to send": (
        FolderFacts(pending_changes=1, watched=True),
        StatusKind.SYNCING,
    ),
    "a watched folder with a change waiting and an item failing": (
        FolderFacts(pending_changes=1, errors=1, watched=True),
        ATTENTION,
    ),
    "an item failing": (FolderFacts(errors=1), ATTENTION),
    "a conflict": (FolderFacts(conflicts=1), ATTENTION),
    "a name to change": (FolderFacts(names_to_change=1), ATTENTION),
    "an item held back": (FolderFacts(held_back=1), ATTENTION),
    "a pass a guard stopped, changes waiting": (
        FolderFacts(unfinished=True, pending_changes=61),
        ATTENTION,
    ),
    "a pass that ended on an item changed meanwhile": (FolderFacts(unfinished=True), ATTENTION),
    "offline says the changes waiting itself": (
        FolderFacts(offline=True, unfinished=True, pending_changes=2),
        StatusKind.OFFLINE,
    ),
    "a pass under way": (FolderFacts(syncing=True, pending_changes=3), StatusKind.SYNCING),
    "paused, whatever waits": (
        FolderFacts(paused=True, syncing=True, errors=1),
        StatusKind.PAUSED,
    ),
    "never synced": (FolderFacts(never_synced=True, pending_changes=4), StatusKind.NEVER_SYNCED),
}


def test_exported_names_exist() -> None:
    assert all(hasattr(folder_state_module, name) for name in folder_state_module.__all__)


@pytest.mark.parametrize("name", list(CASES))
def test_decide_state(name: str) -> None:
    facts, expected = CASES[name]
    assert decide_state(facts) is expected


def test_the_cli_words_of_each_state() -> None:
    assert state_text(UP) == "up to date"
    assert state_text(ATTENTION) == "needs attention"
    assert {state_text(k) for k in StatusKind} >= {"offline", "paused", "syncing"}
    assert len({state_text(k) for k in StatusKind}) == len(StatusKind)  # one word each
