"""The chaos checker's own judgement (pure)."""

from __future__ import annotations

from tests.chaos.checker import Ledger, Snapshot, check_conflicts, conflict_origin


def test_a_conflict_copy_names_the_path_it_was_made_from() -> None:
    assert conflict_origin("a/b (conflict vm 2026-11-29 041334).txt") == "a/b.txt"
    assert conflict_origin("b (conflict vm 2026-11-29 041334)") == "b"
    assert conflict_origin("a/b.txt") is None


def test_a_copy_inside_a_folder_made_a_conflict_copy_comes_from_the_folders_path() -> None:
    """Seed 40263: both sides edited été.txt/c.txt, and the folder itself was kept as a
    conflict copy (the server made it a file): the copy's origin is été.txt/c.txt."""
    copy = "été (conflict vm 2026-11-29 041338).txt/c (conflict vm 2026-11-29 041334).txt"
    assert conflict_origin(copy) == "été.txt/c.txt"
    folder_only = "été (conflict vm 2026-11-29 041338).txt/c.txt"
    assert conflict_origin(folder_only) is None  # not a copy itself: moved with its folder


def test_a_moved_item_carries_what_both_sides_did_to_it() -> None:
    """Seed 70244: edited here and on the server at a/B/été.txt (a real conflict), then the
    server moved a/B to c.txt/B, and the conflict copy with it: still both sides."""
    ledger = Ledger()
    ledger.touch("local", "a/B/été.txt")
    ledger.touch("remote", "a/B/été.txt")
    ledger.touch("remote", "a/B")
    ledger.moved("a/B", "c.txt/B")
    local = Snapshot({"c.txt/B/été (conflict vm 2026-11-29 060135).txt": b"x"}, {}, [])
    assert check_conflicts(ledger, local) == []
    untouched = Ledger()
    untouched.touch("remote", "a/B/été.txt")
    untouched.moved("a/B", "c.txt/B")
    [failure] = check_conflicts(untouched, local)
    assert failure.startswith("(c) spurious conflict copy") and "only remote side" in failure


def test_two_files_whose_names_differ_only_in_unicode_form_are_both_seen(tmp_path) -> None:
    """Seed 71466: été.txt in NFC and in NFD side by side here (one key): the content of
    the one the snapshot's map does not keep is still present, not lost."""
    import unicodedata

    from tests.chaos.checker import check_no_loss, snapshot

    for form, data in (("NFC", b"from the server"), ("NFD", b"made here")):
        (tmp_path / unicodedata.normalize(form, "été.txt")).write_bytes(data)
    local = snapshot(tmp_path)
    assert len(local.items) == 1  # one key
    ledger = Ledger()
    ledger.wrote(b"made here", "user local wrote 'été.txt'")
    ledger.wrote(b"from the server", "user remote wrote 'été.txt'")
    assert check_no_loss(ledger, local, snapshot(tmp_path / "nothing"), set()) == []
