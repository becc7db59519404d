"""The pure guards: empty root and mass deletion thresholds."""

from __future__ import annotations

import pytest

from cozysync.errors import MassDeletionError, RootGuardError
from cozysync.models import Action, ActionKind, JournalEntry, LocalState, Plan
from cozysync.sync.guards import check_empty_root, check_mass_deletion, deletion_counts


def entry(key: str, is_dir: bool = False) -> JournalEntry:
    return JournalEntry(key, key, key, is_dir, 1, 1, 0, 0, None, "e", None, 0, None)


def journal_of(n_files: int, folder: str = "d") -> dict[str, JournalEntry]:
    journal = {folder: entry(folder, True)}
    journal.update({f"{folder}/f{i}": entry(f"{folder}/f{i}") for i in range(n_files)})
    journal["other"] = entry("other")
    journal["d0"] = entry("d0")  # sorts right after "d/": must not be counted with d
    return journal


def delete_folder(kind: ActionKind, key: str = "d") -> Plan:
    return Plan(stages=((Action(kind, key, key, key, is_dir=True),),))


def test_a_folder_deletion_counts_what_is_below_it_and_nothing_else() -> None:
    journal = journal_of(60)
    assert deletion_counts(delete_folder(ActionKind.DELETE_REMOTE), journal) == {
        "local": 0,
        "remote": 61,
    }


@pytest.mark.parametrize("kind", [ActionKind.DELETE_REMOTE, ActionKind.TRASH_LOCAL])
def test_deleting_most_of_a_large_tree_stops(kind: ActionKind) -> None:
    with pytest.raises(MassDeletionError, match="would delete 61 of 63 items"):
        check_mass_deletion(delete_folder(kind), journal_of(60))


def test_a_large_deletion_in_a_much_larger_tree_goes_on() -> None:
    journal = journal_of(60)
    journal.update({f"big/f{i}": entry(f"big/f{i}") for i in range(200)})
    check_mass_deletion(delete_folder(ActionKind.TRASH_LOCAL), journal)


def test_a_small_tree_may_be_emptied() -> None:
    check_mass_deletion(delete_folder(ActionKind.DELETE_REMOTE), journal_of(40))


def test_an_empty_folder_that_held_files_stops() -> None:
    with pytest.raises(RootGuardError, match="is empty, but held 3 synced files"):
        check_empty_root([], journal_of(1), "/home/ana/Cloud")


def test_an_empty_folder_with_an_empty_journal_is_fine() -> None:
    check_empty_root([], {}, "/x")
    check_empty_root([LocalState("a", False, 1, 1, 1, 1)], journal_of(3), "/x")
