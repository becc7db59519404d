"""What cozysync sends to the OS trash is found there and noted (issue 18, item 2): the
real send2trash into a freedesktop trash under a test ``XDG_DATA_HOME``, the records in
a real state folder (0600, newest first, a line cut by a crash skipped)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.local.fs import LocalFolder
from cozysync.local.os_trash import TrashedPlace, locate_trashed
from cozysync.trash_records import TrashRecords
from tests.engine.inprocess_cli import _os_trash


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The OS trash under ``tmp_path`` (send2trash's module constants set for it)."""
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    with _os_trash({"XDG_DATA_HOME": str(home)}):
        yield home


def test_two_items_of_one_name_are_found_each_in_its_trash_place(tmp_path: Path, data_home: Path):
    root = tmp_path / "Docs"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "a" / "note.txt").write_bytes(b"first")
    (root / "b" / "note.txt").write_bytes(b"second")
    seen: list[tuple[str, bool, int | None, TrashedPlace | None]] = []
    folder = LocalFolder(root, on_trashed=lambda *told: seen.append(told))
    folder.trash("a/note.txt")
    folder.trash("b/note.txt")  # the trash names it "note 1.txt"
    assert [(p, d, s) for p, d, s, _ in seen] == [
        ("a/note.txt", False, 5),
        ("b/note.txt", False, 6),
    ]
    first, second = (place for *_, place in seen)
    assert first is not None and second is not None
    assert first.files_path.read_bytes() == b"first"
    assert second.files_path.read_bytes() == b"second"
    assert second.files_path.name == "note 1.txt"
    assert second.info_path == data_home / "Trash" / "info" / "note 1.txt.trashinfo"


def test_a_folder_is_noted_as_a_folder(tmp_path: Path, data_home: Path):
    root = tmp_path / "Docs"
    (root / "Projet").mkdir(parents=True)
    (root / "Projet" / "plan.txt").write_bytes(b"p")
    seen: list[tuple[str, bool, int | None, TrashedPlace | None]] = []
    LocalFolder(root, on_trashed=lambda *told: seen.append(told)).trash("Projet")
    [(path, is_dir, size, place)] = seen
    assert (path, is_dir, size) == ("Projet", True, None)
    assert place is not None and (place.files_path / "plan.txt").read_bytes() == b"p"


def test_nothing_is_found_for_an_item_never_trashed(tmp_path: Path, data_home: Path):
    assert locate_trashed(tmp_path / "Docs" / "never.txt") is None


def test_records_are_private_newest_first_and_survive_a_cut_line(tmp_path: Path):
    records = TrashRecords(tmp_path / "state")
    for n, at in enumerate((10.0, 30.0, 20.0)):
        records.add(
            records.new_record(
                "f1", f"doc{n}.txt", is_dir=False, size=n, at=at,
                trash_path=tmp_path / f"t{n}", info_path=None,
            )
        )  # fmt: skip
    path = records.file_of("f1")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with path.open("a", encoding="utf-8") as file:
        file.write('{"record_id": "cut')  # a crash in the middle of a line
    kept = records.read("f1")
    assert [r.path for r in kept] == ["doc1.txt", "doc2.txt", "doc0.txt"]
    assert not kept[0].is_still_there()  # its trash copy is not there
    (tmp_path / "t1").write_bytes(b"")
    assert records.read("f1")[0].is_still_there()
    records.remove("f1", {kept[0].record_id})
    assert [r.path for r in records.read("f1")] == ["doc2.txt", "doc0.txt"]
    assert records.read("another folder") == []
    assert os.listdir(path.parent) == ["f1.jsonl"]  # no temp left by the rewrite
