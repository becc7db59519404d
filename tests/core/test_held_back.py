"""Held-back items (pure): what the local scan saw and does not sync — a symbolic link, a
device or pipe, a folder that cannot be read — is never taken as a deletion, never
downloaded over, and is reported by name (issue 13, items 1, 12 and 14)."""

from __future__ import annotations

from cozysync.models import (
    ActionKind,
    JournalEntry,
    LocalState,
    Plan,
    RemoteState,
    SkipKind,
    SkippedItem,
)
from cozysync.paths import LOCAL_NAME_RULES, WEBDAV_NAME_RULES
from cozysync.sync.reconcile import reconcile
from cozysync.sync.views import ReconcileContext

CTX = ReconcileContext(local_rules=LOCAL_NAME_RULES, remote_rules=WEBDAV_NAME_RULES)
TREE = {"Photos": True, "Photos/a.jpg": False, "Photos/b.jpg": False, "notes.txt": False}


def entry(path: str, is_dir: bool, inode: int) -> JournalEntry:
    size = 0 if is_dir else 3
    return JournalEntry(path, path, path, is_dir, inode, 1, size, 7, None, f"e{inode}", None,
                        size, 5)  # fmt: skip


def synced() -> tuple[dict[str, JournalEntry], list[LocalState], list[RemoteState]]:
    journal = {p: entry(p, d, i) for i, (p, d) in enumerate(TREE.items(), start=10)}
    local = [LocalState(e.key, e.is_dir, e.size, 7, e.inode, 1) for e in journal.values()]
    remote = [RemoteState(e.key, e.is_dir, e.remote_size, 5, e.etag) for e in journal.values()]
    return journal, local, remote


def kinds(plan: Plan) -> set[ActionKind]:
    return {a.kind for a in plan.actions}


def test_a_synced_folder_replaced_by_a_link_is_not_deleted_on_the_server() -> None:
    journal, local, remote = synced()
    local = [s for s in local if not s.path.startswith("Photos")]  # the scan skipped the link
    link = SkippedItem("Photos", SkipKind.LINK, "symbolic link")

    assert kinds(reconcile(journal, local, remote, CTX)) == {ActionKind.DELETE_REMOTE}  # before
    plan = reconcile(journal, local, remote, CTX, [link])

    assert plan.is_empty
    [report] = plan.held_back
    assert report.path == "Photos"
    assert report.reason.startswith("is now a link: cozysync does not follow links")
    assert "server copy is kept" in report.reason


def test_a_synced_file_replaced_by_a_link_is_not_deleted_on_the_server() -> None:
    journal, local, remote = synced()
    local = [s for s in local if s.path != "notes.txt"]
    plan = reconcile(journal, local, remote, CTX, [SkippedItem("notes.txt", SkipKind.LINK, "x")])
    assert plan.is_empty
    assert [r.path for r in plan.held_back] == ["notes.txt"]


def test_a_new_server_file_is_not_downloaded_over_a_link_of_the_same_name() -> None:
    journal, local, remote = synced()
    remote.append(RemoteState("shared.odt", False, 4, 5, "new"))
    plan = reconcile(journal, local, remote, CTX, [SkippedItem("shared.odt", SkipKind.LINK, "x")])
    assert plan.is_empty
    [report] = plan.held_back
    assert "is a link here" in report.reason and "not downloaded over it" in report.reason


def test_a_never_synced_link_or_pipe_is_listed_as_not_synced_without_a_report() -> None:
    journal, local, remote = synced()
    held = [
        SkippedItem("raccourci", SkipKind.LINK, "symbolic link: not synced"),
        SkippedItem("Photos/fifo", SkipKind.SPECIAL, "special file: not synced"),
    ]
    plan = reconcile(journal, local, remote, CTX, held)
    assert plan.is_empty and not plan.held_back and not plan.reports
    assert sorted((a.path, a.reason) for a in plan.not_synced) == [
        ("Photos/fifo", "special file: not synced"),
        ("raccourci", "symbolic link: not synced"),
    ]


def test_an_unreadable_folder_keeps_its_content_on_the_server_and_is_reported() -> None:
    journal, local, remote = synced()
    local = [s for s in local if "/" not in s.path]  # the folder is seen, not its content
    why = "this folder cannot be read (permission denied)"
    plan = reconcile(journal, local, remote, CTX, [SkippedItem("Photos", SkipKind.UNREADABLE, why)])
    assert plan.is_empty
    [report] = plan.held_back
    assert report.reason == f"{why}; its server copy is kept"


def test_a_never_synced_unreadable_folder_still_needs_the_user() -> None:
    journal, local, remote = synced()
    local.append(LocalState("Privé", True, 0, 7, 99, 1))
    why = "this folder cannot be read (permission denied)"
    plan = reconcile(journal, local, remote, CTX, [SkippedItem("Privé", SkipKind.UNREADABLE, why)])
    assert plan.is_empty  # not uploaded as an empty folder either
    assert [(r.path, r.reason) for r in plan.held_back] == [("Privé", why)]


def test_only_the_link_is_held_back_beside_a_real_deletion() -> None:
    journal, local, remote = synced()
    local = [s for s in local if not s.path.endswith(".jpg")]  # a.jpg deleted here, and ...
    link = SkippedItem("Photos/b.jpg", SkipKind.LINK, "x")  # ... b.jpg is a link now
    plan = reconcile(journal, local, remote, CTX, [link])
    deleted = {a.local_path for a in plan.actions if a.kind is ActionKind.DELETE_REMOTE}
    assert deleted == {"Photos/a.jpg"}


def test_a_folder_deleted_on_the_server_holding_a_never_synced_link_stays_here_only() -> None:
    """The server deleted ``Photos``; here it holds a link never synced: its synced files
    go to the trash, the folder stays here for the link (its trash would be refused), and
    it is not made again on the server, which lost nothing."""
    journal, local, remote = synced()
    remote = [r for r in remote if not r.path.startswith("Photos")]
    link = SkippedItem("Photos/raccourci", SkipKind.LINK, "symbolic link: not synced")
    plan = reconcile(journal, local, remote, CTX, [link])
    assert {(a.kind, a.key) for a in plan.actions} == {
        (ActionKind.TRASH_LOCAL, "Photos/a.jpg"),
        (ActionKind.TRASH_LOCAL, "Photos/b.jpg"),
    }


def test_a_folder_deleted_on_the_server_holding_a_synced_file_now_a_link_is_made_again() -> None:
    """The same, but the link replaced a synced file (reported: it needs the user): modify
    beats delete, the folder is made again on the server, so that both trees hold it."""
    journal, local, remote = synced()
    local = [s for s in local if s.path != "Photos/b.jpg"]
    remote = [r for r in remote if not r.path.startswith("Photos")]
    link = SkippedItem("Photos/b.jpg", SkipKind.LINK, "x")
    plan = reconcile(journal, local, remote, CTX, [link])
    assert {(a.kind, a.key) for a in plan.actions} == {
        (ActionKind.TRASH_LOCAL, "Photos/a.jpg"),
        (ActionKind.MKDIR_REMOTE, "Photos"),
    }
    assert [r.path for r in plan.held_back] == ["Photos/b.jpg"]
