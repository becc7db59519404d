"""IgnoreMatcher: built-in names and a real .cozyignore file in tmp_path."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import cozysync.local.ignore as ignore_module
from cozysync.local.ignore import BUILTIN_PATTERNS, IgnoreMatcher, is_ignored_name


def write_rules(root: Path, text: str | bytes) -> None:
    data = text.encode() if isinstance(text, str) else text
    (root / ".cozyignore").write_bytes(data)


def test_exported_names_exist() -> None:
    assert all(hasattr(ignore_module, name) for name in ignore_module.__all__)
    assert "*.part" not in BUILTIN_PATTERNS


@pytest.mark.parametrize(
    "name",
    [
        "~$report.docx",
        ".~lock.report.odt#",
        "notes.txt.swp",
        ".notes.txt.swx",
        "draft.txt~",
        "setup.tmp",
        "SETUP.TMP",
        "movie.mkv.crdownload",
        ".DS_Store",
        "Thumbs.db",
        "desktop.ini",
        ".Trash-1000",
        ".cozysync",
        ".cozyignore",  # this computer's own rules: never synced either way
        ".cozysync-0f3a.tmp",
        ".davfs.tmp15b801",  # Apache mod_dav_fs receiving a PUT
    ],
)
def test_builtin_names_are_ignored(name: str, tmp_path: Path) -> None:
    assert is_ignored_name(name)
    matcher = IgnoreMatcher(tmp_path)
    assert matcher.is_ignored(name, False)
    assert matcher.is_ignored(f"some/folder/{name}", False)


@pytest.mark.parametrize(
    "name",
    ["report.docx", "movie.part", "tmp", "a.tmpl", "~notes", "lock.txt", "Trash", "cozyignore"],
)
def test_ordinary_names_are_synced(name: str, tmp_path: Path) -> None:
    assert not is_ignored_name(name)
    assert not IgnoreMatcher(tmp_path).is_ignored(f"docs/{name}", False)


def test_everything_below_a_builtin_folder_is_ignored(tmp_path: Path) -> None:
    matcher = IgnoreMatcher(tmp_path)
    assert matcher.is_ignored(".Trash-1000/files/photo.jpg", False)
    assert not matcher.is_ignored("Trash-1000/files/photo.jpg", False)


def test_the_root_itself_is_never_ignored(tmp_path: Path) -> None:
    write_rules(tmp_path, "*\n")
    assert not IgnoreMatcher(tmp_path).is_ignored("", True)


def test_cozyignore_gitignore_rules(tmp_path: Path) -> None:
    write_rules(
        tmp_path,
        "# build output\n*.log\n!keep.log\nbuild/\n/top-only.txt\ndocs/**/*.pdf\n\n",
    )
    matcher = IgnoreMatcher(tmp_path)

    assert matcher.is_ignored("debug.log", False)
    assert matcher.is_ignored("a/b/debug.log", False)
    assert not matcher.is_ignored("keep.log", False)  # negation
    assert not matcher.is_ignored("a/keep.log", False)
    assert matcher.is_ignored("build", True)
    assert not matcher.is_ignored("build", False)  # folder-only pattern: a file named build
    assert matcher.is_ignored("build/out.o", False)
    assert matcher.is_ignored("src/build/out.o", False)
    assert matcher.is_ignored("top-only.txt", False)
    assert not matcher.is_ignored("sub/top-only.txt", False)  # anchored at the root
    assert matcher.is_ignored("docs/a/b/manual.pdf", False)
    assert not matcher.is_ignored("other/manual.pdf", False)
    assert not matcher.is_ignored("# build output", False)  # comments are not patterns
    assert matcher.problems == []


def test_nothing_below_an_ignored_folder_comes_back(tmp_path: Path) -> None:
    # as in git: a file cannot be re-included when a folder above it is excluded
    write_rules(tmp_path, "cache/\n!cache/important.txt\n")
    matcher = IgnoreMatcher(tmp_path)
    assert matcher.is_ignored("cache/important.txt", False)


def test_rules_are_read_again_when_the_file_changes(tmp_path: Path) -> None:
    write_rules(tmp_path, "*.log\n")
    matcher = IgnoreMatcher(tmp_path, check_interval=0)
    assert matcher.is_ignored("a.log", False)
    assert not matcher.is_ignored("a.bak", False)

    write_rules(tmp_path, "*.bak\n")
    assert matcher.is_ignored("a.bak", False)
    assert not matcher.is_ignored("a.log", False)

    (tmp_path / ".cozyignore").unlink()
    assert not matcher.is_ignored("a.bak", False)


def test_same_size_rewrite_within_one_mtime_tick_is_seen(tmp_path: Path) -> None:
    write_rules(tmp_path, "*.aaa\n")
    matcher = IgnoreMatcher(tmp_path, check_interval=0)
    assert matcher.is_ignored("x.aaa", False)
    st = os.stat(tmp_path / ".cozyignore")
    replacement = tmp_path / "new-rules"
    replacement.write_text("*.bbb\n")
    os.utime(replacement, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime
    replacement.replace(tmp_path / ".cozyignore")  # a new inode: editors save like this

    assert matcher.is_ignored("x.bbb", False)


def test_default_check_interval_picks_up_changes_soon(tmp_path: Path) -> None:
    matcher = IgnoreMatcher(tmp_path)
    assert not matcher.is_ignored("a.log", False)
    write_rules(tmp_path, "*.log\n")

    deadline = time.monotonic() + 2
    while not matcher.is_ignored("a.log", False):
        assert time.monotonic() < deadline, ".cozyignore change never picked up"
        time.sleep(0.01)


def test_broken_lines_are_reported_and_the_rest_applies(tmp_path: Path) -> None:
    write_rules(tmp_path, "*.log\n!\nbad\\\n*.bak\n")
    matcher = IgnoreMatcher(tmp_path)

    assert matcher.is_ignored("a.log", False)
    assert matcher.is_ignored("a.bak", False)
    assert len(matcher.problems) == 2
    assert "line 2" in matcher.problems[0] and "line 3" in matcher.problems[1]


def test_a_file_that_is_not_utf8_never_crashes(tmp_path: Path) -> None:
    write_rules(tmp_path, b"*.log\n\xff\xfe\n")
    matcher = IgnoreMatcher(tmp_path)

    assert matcher.is_ignored("a.log", False)
    assert any("UTF-8" in problem for problem in matcher.problems)


def test_problems_clear_once_the_file_is_fixed(tmp_path: Path) -> None:
    write_rules(tmp_path, "!\n")
    matcher = IgnoreMatcher(tmp_path, check_interval=0)
    assert matcher.problems
    write_rules(tmp_path, "*.log\n")
    matcher.refresh()
    assert matcher.problems == []
