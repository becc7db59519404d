"""The chaos checker's own judgement (pure)."""

from __future__ import annotations

from tests.chaos.checker import conflict_origin


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
