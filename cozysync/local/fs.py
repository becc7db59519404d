"""The local sync folder (the ``LocalFS`` port) on ``os``: scan, temp file + atomic
replace, no-replace moves, the OS trash.  The pieces it builds on have their own modules:
``rename`` (no-replace rename), ``marker`` (the root marker and temp names), ``oserrors``
(``OSError`` translation); their public names are re-exported here.

Safety rules kept here (see docs/sync-algorithm.md, "temp file + atomic replace"):

- a download is written to a hidden temp file ``.cozysync-<uuid>.tmp`` next to its
  target, fsynced, then renamed over the target only if the target still is the version
  the planner saw; readers see the old file or the new one, never a partial one;
- nothing is ever overwritten that we did not expect: creations and moves use a
  no-replace rename;
- an unreadable folder raises, it is never reported as empty (that would look like
  deletions);
- every ``OSError`` is translated into ``cozysync.errors`` with ``raise ... from``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from send2trash import send2trash

from cozysync.errors import ItemChangedError, RootGuardError, SyncError
from cozysync.local.ignore import is_ignored_name
from cozysync.local.marker import (
    MARKER_NAME,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    is_own_temp_name,
    new_temp_name,
    read_marker,
    write_marker,
)
from cozysync.local.os_trash import TrashedPlace, locate_trashed
from cozysync.local.oserrors import translate_os_error, translated_os_errors
from cozysync.local.rename import fsync_dir, rename_no_replace
from cozysync.models import LocalState, SkipKind, SkippedItem
from cozysync.paths import join, other_spellings, parent_of
from cozysync.ports import IgnoreRules

if TYPE_CHECKING:
    from cozysync.ports import LocalFS

__all__ = [
    "MARKER_NAME",
    "LocalFolder",
    "SkippedItem",
    "is_own_temp_name",
    "read_marker",
    "translate_os_error",
    "write_marker",
]

CHUNK_SIZE = 1024 * 1024
# told of an item sent to the OS trash: its path, is_dir, size, and where it went there
OnTrashed = Callable[[str, bool, "int | None", "TrashedPlace | None"], None]


def _state(path: str, st: os.stat_result) -> LocalState:
    is_dir = stat.S_ISDIR(st.st_mode)
    return LocalState(
        path=path,
        is_dir=is_dir,
        size=0 if is_dir else st.st_size,
        mtime_ns=st.st_mtime_ns,
        inode=st.st_ino,
        device=st.st_dev,
        executable=not is_dir and bool(st.st_mode & stat.S_IXUSR),
    )


def _matches(st: os.stat_result, expected: LocalState) -> bool:
    return (
        stat.S_ISDIR(st.st_mode) == expected.is_dir
        and st.st_ino == expected.inode
        and (expected.is_dir or st.st_size == expected.size)
        and st.st_mtime_ns == expected.mtime_ns
    )


def _skip_kind(mode: int) -> SkipKind | None:
    if stat.S_ISLNK(mode):
        return SkipKind.LINK
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        return SkipKind.SPECIAL
    return None


_SKIP_REASONS = {
    SkipKind.LINK: "symbolic link: cozysync does not follow links (not synced)",
    SkipKind.SPECIAL: "special file (device, pipe or socket): not synced",
    SkipKind.BAD_NAME: "the name is not valid UTF-8 (rename it to sync it)",
    SkipKind.UNREADABLE: (
        "this folder cannot be read (permission denied): nothing in it is synced; give "
        "your account read access to it, or add it to .cozyignore"
    ),
}


def _skipped(path: str, kind: SkipKind) -> SkippedItem:
    return SkippedItem(path, kind, _SKIP_REASONS[kind])


def _current_umask() -> int:
    """The process umask, read without changing it where Linux allows."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # fallback: briefly set and restore
    os.umask(mask)
    return mask


class LocalFolder:
    """The local sync folder: every path is relative to ``root`` and uses ``/``."""

    def __init__(self, root: Path, *, on_trashed: OnTrashed | None = None) -> None:
        """``on_trashed``: told of each item ``trash`` sent to the OS trash, and where
        it went there (issue 18: cozysync keeps a record, to put it back)."""
        self.root = Path(root)
        self._on_trashed = on_trashed
        self.skipped: list[SkippedItem] = []  # what the last scan saw and left out
        self.left_out_by_rules = 0  # items the last scan left out by .cozyignore's rules
        self._case_insensitive: bool | None = None
        self._umask: int | None = None
        self._open_temps: dict[str, BinaryIO] = {}
        self._committed: set[str] = set()
        self._lock = threading.Lock()

    def _abs(self, path: str) -> Path:
        return self.root / path if path else self.root

    # --- reading --------------------------------------------------------------------------

    def scan(self, ignore: IgnoreRules, under: str = "") -> list[LocalState]:
        """Every item below ``under``, parents before their children, without hashes;
        what it held back is in ``skipped`` until the next scan."""
        found, self.skipped = self.scan_held(ignore, under)
        return found

    def scan_held(
        self, ignore: IgnoreRules, under: str = ""
    ) -> tuple[list[LocalState], list[SkippedItem]]:
        """As ``scan``, with what it held back (links, pipes, unreadable folders, bad
        names) returned beside the items instead of kept (safe from any thread)."""
        self._check_scan_start(under)
        found: list[LocalState] = []
        skipped: list[SkippedItem] = []
        left_out: list[str] = []  # an ignored folder is one item: the scan never enters it
        pending = [under]
        while pending:
            folder = pending.pop()
            for item in self._scan_folder(folder, ignore, skipped, left_out):
                found.append(item)
                if item.is_dir:
                    pending.append(item.path)
        self.left_out_by_rules = len(left_out)
        return found, skipped

    def _check_scan_start(self, under: str) -> None:
        try:
            st = os.lstat(self._abs(under))
        except OSError as exc:
            if not under and exc.errno in (errno.ENOENT, errno.ENOTDIR):
                raise RootGuardError(f"the folder {self.root} is missing") from exc
            raise translate_os_error(exc, under, "read the folder") from exc
        if not stat.S_ISDIR(st.st_mode):
            if not under:
                raise RootGuardError(f"{self.root} is not a folder")
            raise ItemChangedError(f"{under} is not a folder any more", path=under)

    def _scan_folder(
        self, folder: str, ignore: IgnoreRules, skipped: list[SkippedItem], left_out: list[str]
    ) -> list[LocalState]:
        items: list[LocalState] = []
        try:
            with os.scandir(self._abs(folder)) as entries:
                for entry in entries:
                    item = self._scan_entry(folder, entry, ignore, skipped, left_out)
                    if item is not None:
                        items.append(item)
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                # gone (or replaced) while we scanned: never report its content as deleted
                msg = f"the folder {folder} changed while it was scanned"
                raise ItemChangedError(msg, path=folder) from exc
            if folder and exc.errno in (errno.EACCES, errno.EPERM):
                # one folder the user cannot read: held back, the rest of the tree syncs
                skipped.append(_skipped(folder, SkipKind.UNREADABLE))
                return []
            raise translate_os_error(exc, folder, "read the folder") from exc
        return items

    def _scan_entry(
        self,
        folder: str,
        entry: os.DirEntry[str],
        ignore: IgnoreRules,
        skipped: list[SkippedItem],
        left_out: list[str],
    ) -> LocalState | None:
        name = entry.name
        if is_own_temp_name(name):
            return None
        rel = join(folder, name)
        try:
            st = entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            return None  # deleted between listing and stat: it is gone
        if ignore.is_ignored(rel, stat.S_ISDIR(st.st_mode)):
            if not is_ignored_name(name):  # not a built-in name: .cozyignore's doing
                left_out.append(rel)
            return None
        kind = _skip_kind(st.st_mode)
        if kind is None and not _is_utf8(name):
            kind = SkipKind.BAD_NAME
        if kind is not None:
            skipped.append(_skipped(rel, kind))
            return None
        return _state(rel, st)

    def stat(self, path: str) -> LocalState | None:
        """The file or folder at ``path``; None if nothing is there (or only a link or a
        special file, which are not sync items)."""
        try:
            st = os.lstat(self._abs(path))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise translate_os_error(exc, path, "read") from exc
        return None if _skip_kind(st.st_mode) else _state(path, st)

    def held_back_at(self, path: str) -> SkippedItem | None:
        """What is at ``path`` if it is an item the scan would hold back (a link, a
        device or pipe); None if it is a file, a folder or nothing."""
        try:
            st = os.lstat(self._abs(path))
        except OSError:
            return None
        kind = _skip_kind(st.st_mode)
        return _skipped(path, kind) if kind is not None else None

    def open_read(self, path: str) -> BinaryIO:
        with translated_os_errors(path, "read"):
            fd = os.open(self._abs(path), os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
            return os.fdopen(fd, "rb")

    def hash_file(self, path: str) -> str:
        digest = hashlib.md5(usedforsecurity=False)
        with self.open_read(path) as source, translated_os_errors(path, "read"):
            while chunk := source.read(CHUNK_SIZE):
                digest.update(chunk)
        return digest.hexdigest()

    # --- writing --------------------------------------------------------------------------

    @contextlib.contextmanager
    def temp_file(self, path: str) -> Iterator[tuple[str, BinaryIO]]:
        """A new ``.cozysync-<uuid>.tmp`` beside ``path`` (only the user may read it while
        it is written); removed on exit unless ``commit_temp`` put it in place.  An
        ``OSError`` raised by writing it inside the block is translated too."""
        temp_path = join(parent_of(path), new_temp_name())
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
        with translated_os_errors(path, "create a temporary file for"):
            out = os.fdopen(os.open(self._abs(temp_path), flags, 0o600), "wb")
        with self._lock:
            self._open_temps[temp_path] = out
        try:
            yield temp_path, out
        except OSError as exc:  # writing the temp failed (disk full...)
            raise translate_os_error(exc, path, "write") from exc
        finally:
            self._end_temp(temp_path, out)

    def _end_temp(self, temp_path: str, out: BinaryIO) -> None:
        with self._lock:
            self._open_temps.pop(temp_path, None)
            committed = temp_path in self._committed
            self._committed.discard(temp_path)
        # Best effort: a temp that cannot be closed or removed holds no user data, and
        # cleanup_temp_files() removes leftovers; never hide the error that got us here.
        with contextlib.suppress(OSError):
            out.close()
        if not committed:
            with contextlib.suppress(OSError):
                os.unlink(self._abs(temp_path))

    def commit_temp(
        self, temp_path: str, path: str, *, expected: LocalState | None, mtime: int | None
    ) -> LocalState:
        """Put the temp at ``path`` atomically, only if ``path`` still matches ``expected``
        (None: nothing may be there); else ``ItemChangedError`` and ``path`` is untouched."""
        target = self._abs(path)
        with translated_os_errors(path, "write"):
            mode = self._final_mode(self._check_expected(path, expected))
            self._seal_temp(temp_path, mode, mtime)
            self._check_expected(path, expected)  # again: the fsync may have taken a while
            if expected is None:
                try:
                    rename_no_replace(self._abs(temp_path), target)
                except FileExistsError as exc:
                    raise ItemChangedError(f"{path} appeared meanwhile", path=path) from exc
            else:  # POSIX has no compare-and-rename: a write landing between the
                # check above and this replace (microseconds) is the one unguarded window
                os.replace(self._abs(temp_path), target)
            with self._lock:
                self._committed.add(temp_path)
            fsync_dir(target.parent)
            return _state(path, os.lstat(target))

    def _check_expected(self, path: str, expected: LocalState | None) -> os.stat_result | None:
        try:
            st = os.lstat(self._abs(path))
        except FileNotFoundError:
            st = None
        if expected is None and st is not None:
            raise ItemChangedError(f"{path} appeared meanwhile; it was kept", path=path)
        if expected is None:
            self._refuse_beside_other_spelling(path)
        if expected is not None and (st is None or not _matches(st, expected)):
            raise ItemChangedError(f"{path} changed meanwhile; it was kept", path=path)
        return st

    def _refuse_beside_other_spelling(self, path: str, *, besides: str | None = None) -> None:
        """A new name must not be put beside the same name in another Unicode form (NFC
        here, NFD there: one name to the sync); the next pass compares the two.  One or
        two stats, only for a non-ASCII name.  ``besides``: an item that does not count
        (the source of a move)."""
        for other in other_spellings(path):
            if other != besides and os.path.lexists(self._abs(other)):
                raise ItemChangedError(
                    f"{path} appeared meanwhile under another Unicode spelling; it was kept",
                    path=path,
                )

    def _final_mode(self, replaced: os.stat_result | None) -> int:
        if replaced is not None and stat.S_ISREG(replaced.st_mode):
            return stat.S_IMODE(replaced.st_mode)  # keep the user's permissions
        if self._umask is None:
            self._umask = _current_umask()
        return 0o666 & ~self._umask

    def _seal_temp(self, temp_path: str, mode: int, mtime: int | None) -> None:
        """Flush the temp to disk with its final mode and mtime; close it."""
        with self._lock:
            out = self._open_temps.pop(temp_path, None)
        if out is None:
            out = os.fdopen(os.open(self._abs(temp_path), os.O_RDONLY | os.O_NOFOLLOW), "rb")
        with out:
            out.flush()
            fd = out.fileno()
            if mtime is not None:
                os.utime(fd, ns=(time.time_ns(), mtime * 1_000_000_000))
            os.fchmod(fd, mode)
            os.fsync(fd)

    def set_executable(self, path: str, executable: bool, *, expected: LocalState) -> LocalState:
        """Give the file at ``path`` the x bit (where it may be read: u, g, o) or take it
        away, only if it is still the ``expected`` one (``ItemChangedError`` else).  The
        content and mtime stay as they are."""
        with translated_os_errors(path, "change the permissions of"):
            fd = os.open(self._abs(path), os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
            try:
                st = os.fstat(fd)
                if not stat.S_ISREG(st.st_mode) or not _matches(st, expected):
                    raise ItemChangedError(f"{path} changed meanwhile; it was kept", path=path)
                mode = stat.S_IMODE(st.st_mode)
                readers = (mode & 0o444) >> 2  # x where r: 0o644 becomes 0o755
                os.fchmod(fd, (mode | readers) if executable else (mode & ~0o111))
                return _state(path, os.fstat(fd))
            finally:
                os.close(fd)

    def mkdir(self, path: str) -> LocalState:
        """Create the folder (its parent must exist); an existing folder is fine.  Not
        beside the same name in another Unicode form (the next pass compares the two)."""
        with translated_os_errors(path, "create the folder"):
            if not os.path.lexists(self._abs(path)):
                self._refuse_beside_other_spelling(path)
            with contextlib.suppress(FileExistsError):
                os.mkdir(self._abs(path))
            st = os.lstat(self._abs(path))
        if not stat.S_ISDIR(st.st_mode):
            raise ItemChangedError(f"a file is in the way of the folder {path}", path=path)
        return _state(path, st)

    def move(self, src: str, dst: str) -> LocalState:
        """Rename ``src`` to ``dst``, never replacing an existing ``dst`` (nor putting it
        beside the same name in another Unicode form)."""
        with translated_os_errors(src, "move"):
            self._refuse_beside_other_spelling(dst, besides=src)
            if self._is_case_only_rename(src, dst):
                os.rename(self._abs(src), self._abs(dst))
            else:
                try:
                    rename_no_replace(self._abs(src), self._abs(dst))
                except FileExistsError as exc:
                    msg = f"cannot move {src}: {dst} already exists"
                    raise ItemChangedError(msg, path=dst) from exc
            return _state(dst, os.lstat(self._abs(dst)))

    def _is_case_only_rename(self, src: str, dst: str) -> bool:
        if src == dst or src.casefold() != dst.casefold() or not self.is_case_insensitive():
            return False
        src_st, dst_st = os.lstat(self._abs(src)), os.lstat(self._abs(dst))
        return (src_st.st_ino, src_st.st_dev) == (dst_st.st_ino, dst_st.st_dev)

    def trash(self, path: str) -> None:
        """Send the file or folder (whole) to the OS trash; never a plain deletion."""
        if not path:
            raise SyncError("refusing to trash the sync folder itself", path=path)
        with translated_os_errors(path, "move to the trash"):
            st = os.lstat(self._abs(path))  # ENOENT: it is gone already
            try:
                send2trash(str(self._abs(path)))
            except FileExistsError:
                # two items trashed at once raced to create the trash folders (or to
                # name their trash entry): the second try finds them made
                send2trash(str(self._abs(path)))
        if self._on_trashed is not None:
            is_dir = stat.S_ISDIR(st.st_mode)
            place = locate_trashed(self._abs(path))
            self._on_trashed(path, is_dir, None if is_dir else st.st_size, place)

    def is_case_insensitive(self) -> bool:
        """Probe once with a temp file in the root: does ``NAME`` find ``name``?"""
        if self._case_insensitive is None:
            probe = new_temp_name()
            with translated_os_errors("", "probe the folder"):
                fd = os.open(self._abs(probe), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                os.close(fd)
                try:
                    self._case_insensitive = os.path.lexists(self._abs(probe.upper()))
                finally:
                    os.unlink(self._abs(probe))
        return self._case_insensitive

    def cleanup_temp_files(self) -> list[str]:
        """Remove the temp files a crash left behind; call before syncing starts.

        Best effort: a folder that cannot be read is passed over (the scan reports it)."""
        removed: list[str] = []
        pending = [""]
        while pending:
            folder = pending.pop()
            with contextlib.suppress(OSError), os.scandir(self._abs(folder)) as entries:
                for entry in entries:
                    rel = join(folder, entry.name)
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(rel)
                    elif _is_temp_file(entry):
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                            removed.append(rel)
        return removed


def _is_temp_file(entry: os.DirEntry[str]) -> bool:
    name = entry.name
    is_temp = name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)
    return is_temp and entry.is_file(follow_symlinks=False)


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


if TYPE_CHECKING:  # mypy checks that LocalFolder implements the port exactly

    def _implements_port(folder: LocalFolder) -> LocalFS:
        return folder
