"""LocalFolder on the real file system (tmp_path), no mocks."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

import cozysync.local.fs as fs_module
import cozysync.local.rename as rename_module
from cozysync.errors import (
    DiskFullError,
    ItemChangedError,
    LocalPermissionError,
    RootGuardError,
    SyncError,
)
from cozysync.local.fs import (
    LocalFolder,
    read_marker,
    translate_os_error,
    write_marker,
)
from cozysync.local.ignore import IgnoreMatcher
from cozysync.local.rename import rename_no_replace

NOBODY = 65534


@pytest.fixture
def folder(tmp_path: Path) -> LocalFolder:
    root = tmp_path / "sync"
    root.mkdir()
    return LocalFolder(root)


def write(path: Path, data: bytes = b"hello") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def temps_in(root: Path) -> list[Path]:
    return sorted(root.rglob(".cozysync-*.tmp"))


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def download(folder: LocalFolder, path: str, data: bytes, **commit: object) -> object:
    with folder.temp_file(path) as (temp_path, out):
        out.write(data)
        return folder.commit_temp(temp_path, path, **commit)  # type: ignore[arg-type]


def test_exported_names_exist() -> None:
    assert all(hasattr(fs_module, name) for name in fs_module.__all__)


# --- scan -----------------------------------------------------------------------------------


def test_scan_lists_files_and_folders_with_their_state(folder: LocalFolder) -> None:
    write(folder.root / "a.txt", b"12345")
    write(folder.root / "docs" / "deep" / "b.bin", b"x" * 10)

    items = {item.path: item for item in folder.scan(IgnoreMatcher(folder.root))}

    assert set(items) == {"a.txt", "docs", "docs/deep", "docs/deep/b.bin"}
    st = os.lstat(folder.root / "a.txt")
    a = items["a.txt"]
    assert (a.is_dir, a.size, a.mtime_ns, a.inode, a.device) == (
        False,
        5,
        st.st_mtime_ns,
        st.st_ino,
        st.st_dev,
    )
    assert items["docs"].is_dir and items["docs"].size == 0
    assert items["docs/deep/b.bin"].content_hash is None
    order = [item.path for item in folder.scan(IgnoreMatcher(folder.root))]
    assert order.index("docs") < order.index("docs/deep") < order.index("docs/deep/b.bin")


def test_scan_under_lists_only_below_that_folder(folder: LocalFolder) -> None:
    write(folder.root / "top.txt")
    write(folder.root / "sub" / "in.txt")
    write(folder.root / "sub" / "inner" / "deep.txt")

    paths = {item.path for item in folder.scan(IgnoreMatcher(folder.root), under="sub")}

    assert paths == {"sub/in.txt", "sub/inner", "sub/inner/deep.txt"}


def test_scan_skips_own_files_ignored_items_links_and_special_files(folder: LocalFolder) -> None:
    root = folder.root
    write(root / "keep.txt")
    write(root / ".cozysync", b"folder-id\n")
    write(root / "sub" / ".cozysync-0123.tmp")
    write(root / "~$report.docx")
    write(root / "debug.log")
    write(root / "build" / "out.o")
    write(root / ".cozyignore", b"*.log\nbuild/\n")
    (root / "link-to-keep").symlink_to(root / "keep.txt")
    (root / "dangling").symlink_to(root / "nowhere")
    os.mkfifo(root / "pipe")

    paths = {item.path for item in folder.scan(IgnoreMatcher(root))}

    assert paths == {"keep.txt", "sub"}
    assert folder.left_out_by_rules == 2  # debug.log and build (not entered); not built-ins
    skipped = {item.path: item.reason for item in folder.skipped}
    assert set(skipped) == {"link-to-keep", "dangling", "pipe"}
    assert "symbolic link" in skipped["link-to-keep"]
    assert "special file" in skipped["pipe"]


def test_scan_does_not_enter_an_ignored_folder(folder: LocalFolder) -> None:
    write(folder.root / "node_modules" / "pkg" / "index.js")
    write(folder.root / ".cozyignore", b"node_modules/\n")
    asked: list[str] = []

    class RecordingMatcher(IgnoreMatcher):
        def is_ignored(self, path: str, is_dir: bool) -> bool:
            asked.append(path)
            return super().is_ignored(path, is_dir)

    assert {i.path for i in folder.scan(RecordingMatcher(folder.root))} == set()
    assert "node_modules" in asked
    assert not [p for p in asked if p.startswith("node_modules/")]


def test_scan_of_a_missing_root_raises_root_guard(tmp_path: Path) -> None:
    with pytest.raises(RootGuardError):
        LocalFolder(tmp_path / "unplugged").scan(IgnoreMatcher(tmp_path / "unplugged"))


def test_scan_of_a_missing_subfolder_raises_instead_of_reporting_it_empty(
    folder: LocalFolder,
) -> None:
    with pytest.raises(ItemChangedError):
        folder.scan(IgnoreMatcher(folder.root), under="gone")


_SCAN_AS_NOBODY = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from cozysync.errors import LocalPermissionError
    from cozysync.local.fs import LocalFolder
    from cozysync.local.ignore import IgnoreMatcher
    root = Path(sys.argv[1])
    folder, rules = LocalFolder(root), IgnoreMatcher(root)
    os.setgid({uid}); os.setuid({uid})  # drop root: file permissions apply from here on
    try:
        items, held = folder.scan_held(rules)
    except LocalPermissionError as exc:
        print("denied", exc.path)
    else:
        print("listed", sorted(i.path for i in items),
              "held", sorted((h.path, h.kind.value) for h in held))
    """
).format(uid=NOBODY)


def scan_as_nobody(root: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _SCAN_AS_NOBODY, str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.fixture
def world_readable_root() -> Iterator[Path]:
    # tmp_path lives below a 0700 folder only root may enter: use one `nobody` can reach
    base = Path(tempfile.mkdtemp(prefix="cozysync-perm-"))
    try:
        base.chmod(0o755)
        yield base
    finally:
        shutil.rmtree(base)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to drop to the nobody user")
def test_an_unreadable_folder_is_held_back_and_never_reported_empty(
    world_readable_root: Path,
) -> None:
    root = world_readable_root
    write(root / "open" / "a.txt").parent.chmod(0o755)
    (root / "open" / "a.txt").chmod(0o644)
    assert scan_as_nobody(root) == "listed ['open', 'open/a.txt'] held []"  # honest check

    secret = root / "secret"
    write(secret / "b.txt")
    secret.chmod(0o700)  # owned by root: nobody may not list it

    # the folder is listed (its parent can be read), its content is held back with it
    assert scan_as_nobody(root) == (
        "listed ['open', 'open/a.txt', 'secret'] held [('secret', 'unreadable')]"
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to drop to the nobody user")
def test_an_unreadable_root_still_stops_the_scan(world_readable_root: Path) -> None:
    root = world_readable_root / "root"
    write(root / "a.txt")
    root.chmod(0o700)
    assert scan_as_nobody(root) == "denied"  # the root: raised, not held back


# --- stat, hash, read ----------------------------------------------------------------------


def test_stat_of_file_folder_missing_and_link(folder: LocalFolder) -> None:
    write(folder.root / "f.txt", b"abc")
    (folder.root / "d").mkdir()
    (folder.root / "l").symlink_to("f.txt")

    f = folder.stat("f.txt")
    assert f is not None and f.size == 3 and not f.is_dir
    assert f.inode == os.lstat(folder.root / "f.txt").st_ino
    d = folder.stat("d")
    assert d is not None and d.is_dir
    assert folder.stat("missing") is None
    assert folder.stat("f.txt/below") is None
    assert folder.stat("l") is None  # links are not sync items


def test_hash_file_streams_md5(folder: LocalFolder) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)
    write(folder.root / "big.bin", data)

    assert folder.hash_file("big.bin") == hashlib.md5(data).hexdigest()


def test_open_read_refuses_a_symlink_and_a_missing_file(folder: LocalFolder) -> None:
    write(folder.root / "real.txt", b"secret")
    (folder.root / "link").symlink_to("real.txt")

    with folder.open_read("real.txt") as source:
        assert source.read() == b"secret"
    with pytest.raises(SyncError):
        folder.open_read("link")
    with pytest.raises(ItemChangedError):
        folder.hash_file("missing.txt")


# --- temp file + atomic replace --------------------------------------------------------------


def test_new_file_is_committed_with_normal_perms_and_mtime(folder: LocalFolder) -> None:
    (folder.root / "docs").mkdir()
    with folder.temp_file("docs/new.txt") as (temp_path, out):
        assert temp_path.startswith("docs/.cozysync-") and temp_path.endswith(".tmp")
        assert stat.S_IMODE(os.lstat(folder.root / temp_path).st_mode) == 0o600
        out.write(b"new content")
        state = folder.commit_temp(temp_path, "docs/new.txt", expected=None, mtime=1_600_000_000)

    target = folder.root / "docs" / "new.txt"
    assert target.read_bytes() == b"new content"
    st = os.lstat(target)
    assert stat.S_IMODE(st.st_mode) == 0o666 & ~current_umask()
    assert st.st_mtime_ns == 1_600_000_000 * 10**9
    assert (state.path, state.size, state.inode, state.mtime_ns) == (
        "docs/new.txt",
        11,
        st.st_ino,
        st.st_mtime_ns,
    )
    assert temps_in(folder.root) == []


def test_temp_file_needs_an_existing_folder(folder: LocalFolder) -> None:
    with pytest.raises(ItemChangedError), folder.temp_file("no/such/dir/f.txt"):
        pass


def test_replace_keeps_the_users_permissions(folder: LocalFolder) -> None:
    target = write(folder.root / "script.sh", b"old")
    target.chmod(0o750)
    expected = folder.stat("script.sh")
    assert expected is not None

    state = download(folder, "script.sh", b"new version", expected=expected, mtime=None)

    assert target.read_bytes() == b"new version"
    assert stat.S_IMODE(os.lstat(target).st_mode) == 0o750
    assert state.inode != expected.inode


def test_commit_refused_when_target_changed_since_keeps_the_target(folder: LocalFolder) -> None:
    target = write(folder.root / "doc.txt", b"version seen by the planner")
    expected = folder.stat("doc.txt")
    assert expected is not None
    target.write_bytes(b"the user edited it meanwhile!")

    with pytest.raises(ItemChangedError) as caught:
        download(folder, "doc.txt", b"download", expected=expected, mtime=None)

    assert caught.value.path == "doc.txt"
    assert target.read_bytes() == b"the user edited it meanwhile!"
    assert temps_in(folder.root) == []


def test_commit_refused_when_target_deleted_since(folder: LocalFolder) -> None:
    target = write(folder.root / "doc.txt")
    expected = folder.stat("doc.txt")
    target.unlink()

    with pytest.raises(ItemChangedError):
        download(folder, "doc.txt", b"download", expected=expected, mtime=None)

    assert not target.exists()
    assert temps_in(folder.root) == []


@pytest.mark.parametrize("no_renameat2", [False, True], ids=["renameat2", "link-fallback"])
def test_expected_none_never_overwrites_an_existing_file(
    folder: LocalFolder, monkeypatch: pytest.MonkeyPatch, no_renameat2: bool
) -> None:
    if no_renameat2:  # exercise the portable fallback on the same real file system
        monkeypatch.setattr(rename_module, "_renameat2", None)
    target = write(folder.root / "doc.txt", b"user data")

    with pytest.raises(ItemChangedError):
        download(folder, "doc.txt", b"download", expected=None, mtime=None)

    assert target.read_bytes() == b"user data"
    assert temps_in(folder.root) == []


def test_temp_removed_when_the_block_fails(folder: LocalFolder) -> None:
    with pytest.raises(RuntimeError), folder.temp_file("f.txt") as (temp_path, out):
        out.write(b"partial")
        assert (folder.root / temp_path).exists()
        raise RuntimeError("download interrupted")

    assert temps_in(folder.root) == []
    assert not (folder.root / "f.txt").exists()


def test_a_reader_never_sees_a_partial_file(folder: LocalFolder) -> None:
    size = 512 * 1024
    write(folder.root / "hot.bin", b"\x00" * size)
    seen: set[tuple[int, int]] = set()
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            data = (folder.root / "hot.bin").read_bytes()
            seen.add((len(data), len(set(data))))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for version in range(1, 30):
            expected = folder.stat("hot.bin")
            download(folder, "hot.bin", bytes([version]) * size, expected=expected, mtime=None)
    finally:
        done.set()
        thread.join()

    assert seen == {(size, 1)}  # always whole, always one version's bytes
    assert (folder.root / "hot.bin").read_bytes() == bytes([29]) * size


# --- mkdir, move, trash -----------------------------------------------------------------------


def test_mkdir(folder: LocalFolder) -> None:
    state = folder.mkdir("new")
    assert state.is_dir and (folder.root / "new").is_dir()
    assert folder.mkdir("new").inode == state.inode  # an existing folder is fine
    with pytest.raises(ItemChangedError):
        folder.mkdir("missing/child")  # parents must exist
    write(folder.root / "file")
    with pytest.raises(ItemChangedError):
        folder.mkdir("file")


@pytest.mark.parametrize("no_renameat2", [False, True], ids=["renameat2", "fallbacks"])
def test_move_never_replaces_an_existing_destination(
    folder: LocalFolder, monkeypatch: pytest.MonkeyPatch, no_renameat2: bool
) -> None:
    if no_renameat2:
        monkeypatch.setattr(rename_module, "_renameat2", None)
    write(folder.root / "a.txt", b"A")
    write(folder.root / "b.txt", b"B")
    write(folder.root / "dir" / "in.txt", b"I")
    write(folder.root / "other" / "x")

    moved = folder.move("a.txt", "c.txt")
    assert moved.path == "c.txt" and (folder.root / "c.txt").read_bytes() == b"A"
    assert not (folder.root / "a.txt").exists()
    with pytest.raises(ItemChangedError):
        folder.move("c.txt", "b.txt")
    with pytest.raises(ItemChangedError):
        folder.move("dir", "other")
    assert (folder.root / "b.txt").read_bytes() == b"B"
    assert (folder.root / "c.txt").read_bytes() == b"A"
    assert (folder.root / "other" / "x").exists()
    assert folder.move("dir", "renamed").is_dir
    assert (folder.root / "renamed" / "in.txt").read_bytes() == b"I"
    with pytest.raises(ItemChangedError):
        folder.move("vanished.txt", "d.txt")


def test_rename_no_replace_raises_file_exists(tmp_path: Path) -> None:
    write(tmp_path / "a", b"a")
    write(tmp_path / "b", b"b")
    with pytest.raises(FileExistsError):
        rename_no_replace(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "b").read_bytes() == b"b"


def test_case_probe_on_this_file_system(folder: LocalFolder) -> None:
    # ext4/tmpfs here are case-sensitive; the probe must say so and leave nothing behind
    assert folder.is_case_insensitive() is False
    assert list(folder.root.iterdir()) == []
    write(folder.root / "Name.txt")
    write(folder.root / "name.txt")
    with pytest.raises(ItemChangedError):  # on a case-sensitive FS these are two files
        folder.move("Name.txt", "name.txt")


_TRASH = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from cozysync.local.fs import LocalFolder
    folder = LocalFolder(Path(sys.argv[1]))
    for path in sys.argv[2:]:
        folder.trash(path)
    """
)


def test_trash_moves_files_and_whole_folders_to_the_os_trash(folder: LocalFolder) -> None:
    # send2trash reads XDG_DATA_HOME when imported: use a fresh process with our own
    home = folder.root.parent / "home"
    data_home = home / ".local" / "share"
    data_home.mkdir(parents=True)
    write(folder.root / "old.txt", b"trash me")
    write(folder.root / "album" / "p1.jpg", b"jpg")
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(data_home)}

    subprocess.run(
        [sys.executable, "-c", _TRASH, str(folder.root), "old.txt", "album"],
        env=env,
        check=True,
        timeout=60,
    )

    files = data_home / "Trash" / "files"
    assert (files / "old.txt").read_bytes() == b"trash me"
    assert (files / "album" / "p1.jpg").read_bytes() == b"jpg"
    assert (data_home / "Trash" / "info" / "old.txt.trashinfo").exists()
    assert not (folder.root / "old.txt").exists()
    assert not (folder.root / "album").exists()


def test_trash_of_a_missing_item_is_item_changed(folder: LocalFolder) -> None:
    with pytest.raises(ItemChangedError):
        folder.trash("nothing-here.txt")


# --- disk full (a real tmpfs) -----------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


def test_disk_full_while_writing_is_disk_full_error(tiny_disk: Path) -> None:
    folder = LocalFolder(tiny_disk)
    write(tiny_disk / "existing.txt", b"keep")

    with pytest.raises(DiskFullError), folder.temp_file("big.bin") as (temp_path, out):
        out.write(os.urandom(256 * 1024))
        folder.commit_temp(temp_path, "big.bin", expected=None, mtime=None)

    assert not (tiny_disk / "big.bin").exists()
    assert temps_in(tiny_disk) == []
    assert (tiny_disk / "existing.txt").read_bytes() == b"keep"


def fill_up(path: Path) -> None:
    with open(path, "wb", buffering=0) as out:
        with pytest.raises(OSError) as full:
            while True:
                out.write(b"\0" * 4096)
        assert full.value.errno == errno.ENOSPC


def test_disk_full_when_writing_the_marker(tiny_disk: Path) -> None:
    fill_up(tiny_disk / "filler")

    with pytest.raises(DiskFullError):
        write_marker(tiny_disk, "folder-1")

    assert read_marker(tiny_disk) is None
    assert temps_in(tiny_disk) == []


# --- crash leftovers, marker, error mapping ---------------------------------------------------


def test_cleanup_removes_only_stale_temp_files(folder: LocalFolder) -> None:
    write(folder.root / ".cozysync-dead1.tmp")
    write(folder.root / "a" / "b" / ".cozysync-dead2.tmp")
    write(folder.root / "a" / "note.tmp", b"user temp file, not ours")
    write(folder.root / ".cozysync", b"folder-id\n")
    write(folder.root / "a" / "real.txt")

    removed = folder.cleanup_temp_files()

    assert sorted(removed) == [".cozysync-dead1.tmp", "a/b/.cozysync-dead2.tmp"]
    assert temps_in(folder.root) == []
    assert (folder.root / "a" / "note.tmp").exists()
    assert (folder.root / ".cozysync").exists()
    assert (folder.root / "a" / "real.txt").exists()


def test_marker_round_trip(tmp_path: Path) -> None:
    assert read_marker(tmp_path) is None
    write_marker(tmp_path, "folder-1")
    assert read_marker(tmp_path) == "folder-1"
    write_marker(tmp_path, "folder-2")
    assert read_marker(tmp_path) == "folder-2"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cozysync"]
    with pytest.raises(ValueError):
        write_marker(tmp_path, "two\nlines")


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        (errno.EACCES, LocalPermissionError),
        (errno.EPERM, LocalPermissionError),
        (errno.ENOSPC, DiskFullError),
        (errno.EDQUOT, DiskFullError),
        (errno.ENOENT, ItemChangedError),
        (errno.EIO, SyncError),
    ],
)
def test_os_errors_are_translated(code: int, error_type: type[Exception]) -> None:
    error = translate_os_error(OSError(code, os.strerror(code)), "a/b.txt", "write")
    assert type(error) is error_type
    assert error.path == "a/b.txt"
    if error_type is SyncError:
        assert os.strerror(code) in error.title


def test_a_new_file_is_not_put_beside_the_same_name_in_another_unicode_spelling(
    folder: LocalFolder,
) -> None:
    """Seed 71466: a download of the server's NFC été.txt while the user had just made an
    NFD été.txt here: the two are one name to the sync, so the download is refused (the
    next pass compares them) instead of leaving two files that differ only in spelling."""
    nfc, nfd = unicodedata.normalize("NFC", "été.txt"), unicodedata.normalize("NFD", "été.txt")
    write(folder.root / nfd, b"made here")
    with folder.temp_file(nfc) as (temp, sink):
        sink.write(b"from the server")
        sink.flush()
        with pytest.raises(ItemChangedError, match="another Unicode spelling"):
            folder.commit_temp(temp, nfc, expected=None, mtime=None)
    assert [n for n in os.listdir(folder.root) if n != ".cozysync"] == [nfd]
    assert (folder.root / nfd).read_bytes() == b"made here"
    assert temps_in(folder.root) == []


def test_a_folder_is_not_made_beside_the_same_name_in_another_unicode_spelling(
    folder: LocalFolder,
) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "élève"), unicodedata.normalize("NFD", "élève")
    (folder.root / nfd).mkdir()
    with pytest.raises(ItemChangedError, match="another Unicode spelling"):
        folder.mkdir(nfc)
    assert folder.mkdir(nfd).is_dir  # the existing folder itself is fine
    assert [n for n in os.listdir(folder.root) if n != ".cozysync"] == [nfd]


def test_a_move_is_not_put_beside_the_same_name_in_another_unicode_spelling(
    folder: LocalFolder,
) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "été.txt"), unicodedata.normalize("NFD", "été.txt")
    write(folder.root / nfd, b"made here")
    write(folder.root / "other.txt", b"from the server")
    with pytest.raises(ItemChangedError, match="another Unicode spelling"):
        folder.move("other.txt", nfc)
    assert (folder.root / "other.txt").read_bytes() == b"from the server"
    folder.move(nfd, nfc)  # respelling an item is its own move
    assert sorted(n for n in os.listdir(folder.root) if n != ".cozysync") == sorted(
        ["other.txt", nfc]
    )
