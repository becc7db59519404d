"""The pure guards: empty root, emptied on the server, and the proportionate mass
deletion thresholds."""

from __future__ import annotations

import pytest

from cozysync.errors import FolderEmptiedError, MassDeletionError
from cozysync.models import (
    Action,
    ActionKind,
    JournalEntry,
    LocalState,
    Plan,
    SkipKind,
    SkippedItem,
)
from cozysync.sync.guards import (
    check_emptied_on_server,
    check_empty_root,
    check_mass_deletion,
    deletion_counts,
    is_mass_deletion,
)


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


def test_a_small_deletion_in_a_small_tree_goes_on() -> None:
    check_mass_deletion(delete_folder(ActionKind.DELETE_REMOTE), journal_of(8))  # 9 of 12


def test_emptying_most_of_a_small_tree_stops_too() -> None:
    """Under the 50 items of a large tree, but most of a small one (issue 13, item 2):
    a server listing 40 synced files as gone is not let through."""
    with pytest.raises(MassDeletionError, match="would delete 41 of 43 items") as stopped:
        check_mass_deletion(delete_folder(ActionKind.TRASH_LOCAL), journal_of(40))
    assert (stopped.value.side, stopped.value.count, stopped.value.total) == ("local", 41, 43)
    assert stopped.value.paths == ("d",)


@pytest.mark.parametrize(
    ("count", "total", "stops"),
    [(9, 10, False), (10, 19, True), (10, 20, False), (51, 150, True), (51, 160, False)],
)
def test_the_mass_deletion_threshold_is_proportionate(count: int, total: int, stops: bool) -> None:
    assert is_mass_deletion(count, total) is stops


def test_an_empty_folder_that_held_files_stops() -> None:
    with pytest.raises(FolderEmptiedError, match="is empty, but held 3 synced files") as stopped:
        check_empty_root([], journal_of(1), "/home/ana/Cloud")
    assert stopped.value.side == "remote"  # where the deletions would go
    assert isinstance(stopped.value, MassDeletionError)


def test_deleting_the_last_file_of_a_small_folder_goes_on() -> None:
    """The marker says the right folder is there: two files deleted by the user are the
    user's deletion, not an unmounted drive (issue 13, item 4)."""
    journal = {"a": entry("a"), "b": entry("b"), "d": entry("d", True)}
    check_empty_root([], journal, "/x")


def test_a_folder_held_back_whole_is_not_an_empty_folder() -> None:
    held = [SkippedItem("d", SkipKind.LINK, "symbolic link")]
    check_empty_root([], journal_of(5), "/x", held)


def test_an_empty_folder_with_an_empty_journal_is_fine() -> None:
    check_empty_root([], {}, "/x")
    check_empty_root([LocalState("a", False, 1, 1, 1, 1)], journal_of(3), "/x")


def trash_files(keys: list[str]) -> Plan:
    return Plan(stages=(tuple(Action(ActionKind.TRASH_LOCAL, k, k, k) for k in keys),))


def test_a_folder_the_server_lists_empty_stops_before_its_files_go_to_the_trash() -> None:
    journal = journal_of(4)  # d/f0..f3, other, d0
    remote = {"d", "other", "d0"}  # the folder is still there, empty
    with pytest.raises(FolderEmptiedError, match="lists the folder d as empty, but it held 4"):
        check_emptied_on_server(trash_files([f"d/f{i}" for i in range(4)]), journal, remote)


def test_an_empty_server_root_stops() -> None:
    journal = {"a": entry("a"), "b": entry("b"), "c": entry("c")}
    with pytest.raises(FolderEmptiedError, match="your whole folder as empty") as stopped:
        check_emptied_on_server(trash_files(["a", "b", "c"]), journal, set())
    assert stopped.value.side == "local"
    assert stopped.value.paths == ("a", "b", "c")


@pytest.mark.parametrize(
    ("remote", "trashed"),
    [
        ({"other", "d0"}, ["d"]),  # the folder itself is gone: an ordinary folder deletion
        ({"d", "d/f3", "other", "d0"}, ["d/f0", "d/f1", "d/f2"]),  # one file is still there
    ],
)
def test_a_folder_deleted_or_thinned_on_the_server_goes_on(
    remote: set[str], trashed: list[str]
) -> None:
    check_emptied_on_server(trash_files(trashed), journal_of(4), remote)


def test_two_files_gone_from_a_folder_on_the_server_go_on() -> None:
    journal = {"d": entry("d", True), "d/a": entry("d/a"), "d/b": entry("d/b")}
    check_emptied_on_server(trash_files(["d/a", "d/b"]), journal, {"d"})


def test_a_root_that_still_lists_an_emptied_folder_names_the_folder() -> None:
    journal = {"C": entry("C", True)} | {f"C/f{i}": entry(f"C/f{i}") for i in range(3)}
    with pytest.raises(FolderEmptiedError, match="lists the folder C as empty, but it held 3"):
        check_emptied_on_server(trash_files([f"C/f{i}" for i in range(3)]), journal, {"C"})
