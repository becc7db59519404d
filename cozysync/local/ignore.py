"""Which local items are not synced: built-in names plus the folder's ``.cozyignore``.

The built-in patterns match one name (any folder level) and cover editors' and office
suites' temp and lock files, downloads in progress, OS litter, and cozysync's own files,
``.cozyignore`` among them: the ignore file is this computer's own and is never synced
either way (one arriving from the server would otherwise change what this computer
sends without the user seeing it; one on the server is left alone there), so only the
local file's rules ever apply.
``.cozyignore`` at the sync root uses gitignore rules (comments, ``!`` negation, ``dir/``
folder-only patterns, ``/anchored`` patterns), read with pathspec's ``GitIgnoreSpec``.
As in git, nothing below an ignored folder is synced, even if a later ``!`` pattern
names it.

The file is read again when its size, mtime or inode changes (checked at most every
``check_interval`` seconds, or now with ``refresh()``).  A line that cannot
be parsed is left out and described in ``problems``; it never stops the sync.
pathspec is imported only when a folder has a ``.cozyignore`` (issue 20, item 2: 11 ms
of CPU at each start otherwise).
"""

from __future__ import annotations

import fnmatch
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from cozysync.paths import name_of, parent_of

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from cozysync.ports import IgnoreRules

__all__ = ["BUILTIN_PATTERNS", "IGNORE_FILE_NAME", "IgnoreMatcher", "is_ignored_name"]

IGNORE_FILE_NAME = ".cozyignore"

# One name each, matched case-insensitively on the last part of a path.
BUILTIN_PATTERNS: tuple[str, ...] = (
    "~$*",  # Microsoft Office owner/lock files
    ".~lock.*#",  # LibreOffice lock files
    "*.swp",  # vim swap files
    "*.swx",
    "*~",  # editor backups
    "*.tmp",
    "*.crdownload",  # Chrome downloads in progress
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
    ".Trash-*",  # freedesktop trash folders on removable drives
    ".cozysync",  # the folder marker
    ".cozyignore",  # IGNORE_FILE_NAME: local-only, never synced (see the docstring)
    ".cozysync-*.tmp",  # our own temp files
    ".davfs.tmp*",  # Apache mod_dav_fs: a PUT still being received (if ever listed)
)

_BUILTIN_RE = re.compile(
    "|".join(f"(?:{fnmatch.translate(p.lower())})" for p in BUILTIN_PATTERNS), re.DOTALL
)
_FOLDER_CACHE_LIMIT = 50_000

Signature = tuple[int, int, int] | None  # size, mtime_ns, inode of .cozyignore


def is_ignored_name(name: str) -> bool:
    """True if one name matches a built-in pattern (usable for remote names too)."""
    return _BUILTIN_RE.match(name.lower()) is not None


def _compile_lines(lines: list[str]) -> tuple[GitIgnoreSpec | None, list[str]]:
    """The spec of every line that parses, and a description of each one that does not."""
    from pathspec import GitIgnoreSpec

    good: list[str] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        try:
            GitIgnoreSpec.from_lines([line])
        except Exception as exc:  # a third-party parser must never stop the sync
            problems.append(f"{IGNORE_FILE_NAME} line {number}: {line.strip()!r} ignored ({exc})")
            continue
        good.append(line)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in good):
        return None, problems
    return GitIgnoreSpec.from_lines(good), problems


class _Rules:
    """One version of ``.cozyignore``, compiled, with its cache of folder results."""

    def __init__(self, spec: GitIgnoreSpec | None, signature: Signature) -> None:
        self.spec = spec
        self.signature = signature
        self._folders: dict[str, bool] = {}

    def matches(self, path: str, is_dir: bool) -> bool:
        if is_ignored_name(name_of(path)):
            return True
        return self.spec is not None and self.spec.match_file(f"{path}/" if is_dir else path)

    def folder_ignored(self, folder: str) -> bool:
        """True if ``folder`` or one above it is ignored (cached: scans ask it often)."""
        if not folder:
            return False
        cached = self._folders.get(folder)
        if cached is None:
            cached = self.matches(folder, True) or self.folder_ignored(parent_of(folder))
            if len(self._folders) >= _FOLDER_CACHE_LIMIT:
                self._folders.clear()
            self._folders[folder] = cached
        return cached


class IgnoreMatcher:
    """``IgnoreRules`` for one sync folder; paths are relative to ``root``.

    ``.cozyignore`` is checked for changes at most every ``check_interval`` seconds (a
    stat per path would double the cost of a scan); ``refresh()`` checks now."""

    def __init__(self, root: Path, *, check_interval: float = 0.05) -> None:
        self.root = Path(root)
        self.problems: list[str] = []  # lines (or the file) that could not be used
        self._ignore_file = os.path.join(root, IGNORE_FILE_NAME)
        self._check_interval = check_interval
        self._next_check = 0.0
        self._rules = _Rules(None, None)  # replaced whole, never mutated: no lock needed
        self.refresh()

    def is_ignored(self, path: str, is_dir: bool) -> bool:
        """True if ``path`` (or a folder above it) is excluded from sync."""
        if not path:
            return False
        if time.monotonic() >= self._next_check:
            self.refresh()
        rules = self._rules
        return rules.matches(path, is_dir) or rules.folder_ignored(parent_of(path))

    def refresh(self) -> None:
        """Read ``.cozyignore`` again if its size, mtime or inode changed."""
        self._next_check = time.monotonic() + self._check_interval
        try:
            st = os.stat(self._ignore_file)
            signature: Signature = (st.st_size, st.st_mtime_ns, st.st_ino)
        except FileNotFoundError:
            signature = None
        except OSError as exc:
            self.problems = [f"{IGNORE_FILE_NAME} cannot be read: {exc.strerror}"]
            return  # keep the rules we have
        if signature != self._rules.signature:
            self._load(signature)

    def _load(self, signature: Signature) -> None:
        spec: GitIgnoreSpec | None = None
        problems: list[str] = []
        if signature is not None:
            try:
                with open(self._ignore_file, "rb") as source:
                    data = source.read()
            except OSError as exc:
                self.problems = [f"{IGNORE_FILE_NAME} cannot be read: {exc.strerror}"]
                return
            spec, problems = _parse(data)
        self._rules = _Rules(spec, signature)
        self.problems = problems


def _parse(data: bytes) -> tuple[GitIgnoreSpec | None, list[str]]:
    problems: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        problems.append(f"{IGNORE_FILE_NAME} is not valid UTF-8; bad bytes were replaced")
    spec, line_problems = _compile_lines(text.splitlines())
    return spec, problems + line_problems


if TYPE_CHECKING:  # mypy checks that IgnoreMatcher implements the port

    def _implements_port(matcher: IgnoreMatcher) -> IgnoreRules:
        return matcher
