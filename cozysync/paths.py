"""Pure rules on relative paths: keys, parents, conflict-copy names, storable names.

No I/O here.  A relative path uses ``/`` whatever the OS, has no leading or trailing
slash, and ``""`` is the sync root.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "LOCAL_NAME_RULES",
    "WEBDAV_NAME_RULES",
    "NameRules",
    "conflict_copy_name",
    "depth",
    "is_conflict_copy",
    "is_same_or_under",
    "join",
    "name_of",
    "other_spellings",
    "parent_of",
    "path_key",
    "rebase",
    "split_ext",
]

_CONFLICT_SUFFIX = re.compile(r" \(conflict [^()/]+ \d{4}-\d{2}-\d{2} \d{6}\)$")


def path_key(path: str) -> str:
    """The key that matches one item across the three views: the NFC form of its path."""
    return unicodedata.normalize("NFC", path)


def other_spellings(path: str) -> list[str]:
    """``path`` with its last name in the other Unicode forms (NFC, NFD) it has: names
    that are the same name to the sync (one key) but another name to a file system or a
    server.  Empty for an ASCII name."""
    parent, _, name = path.rpartition("/")
    if name.isascii():
        return []
    forms = {unicodedata.normalize(form, name) for form in ("NFC", "NFD")} - {name}
    return [join(parent, other) for other in sorted(forms)]


def parent_of(path: str) -> str:
    return path.rpartition("/")[0]


def name_of(path: str) -> str:
    return path.rpartition("/")[2]


def join(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name


def depth(path: str) -> int:
    return 0 if not path else path.count("/") + 1


def is_same_or_under(path: str, ancestor: str) -> bool:
    """True if ``path`` is ``ancestor`` or lies below it (the root is above everything)."""
    return not ancestor or path == ancestor or path.startswith(ancestor + "/")


def rebase(path: str, old_prefix: str, new_prefix: str) -> str:
    """Move ``path`` from below ``old_prefix`` to below ``new_prefix``."""
    if path == old_prefix:
        return new_prefix
    return join(new_prefix, path[len(old_prefix) + 1 :]) if old_prefix else join(new_prefix, path)


def split_ext(name: str) -> tuple[str, str]:
    """``"report.final.docx"`` → ``("report.final", ".docx")``; a dotfile has no extension."""
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    return name[:dot], name[dot:]


def is_conflict_copy(path: str) -> bool:
    stem, _ = split_ext(name_of(path))
    return bool(_CONFLICT_SUFFIX.search(stem))


def conflict_copy_name(path: str, device: str, when: datetime) -> str:
    """``dir/<stem> (conflict <device> <YYYY-MM-DD HHMMSS>)<ext>``; the suffix never stacks."""
    stem, ext = split_ext(name_of(path))
    stem = _CONFLICT_SUFFIX.sub("", stem)
    device = re.sub(r"[()/\\\x00-\x1f]", "-", device).strip() or "this computer"
    stamp = when.strftime("%Y-%m-%d %H%M%S")
    return join(parent_of(path), f"{stem} (conflict {device} {stamp}){ext}")


@dataclass(frozen=True, slots=True)
class NameRules:
    """What names one side can store."""

    side: str  # "the server" / "this computer", for messages
    forbidden_chars: str = "/\x00"
    forbidden_names: frozenset[str] = frozenset({".", ".."})
    forbidden_suffixes: tuple[str, ...] = ()
    max_bytes: int = 255
    no_trailing_dot_or_space: bool = False

    def problem(self, name: str) -> str | None:
        """Why ``name`` cannot be stored on this side, or None if it can."""
        bad = sorted({c for c in name if c in self.forbidden_chars or ord(c) < 0x20})
        if bad:
            shown = " ".join(repr(c) for c in bad)
            return f"the name contains characters {self.side} does not accept: {shown}"
        if name.lower() in self.forbidden_names:
            return f"{self.side} does not accept the name {name!r}"
        if self.forbidden_suffixes and name.lower().endswith(self.forbidden_suffixes):
            return f"{self.side} does not accept names ending in {name.rsplit('.', 1)[-1]!r}"
        if len(name.encode("utf-8")) > self.max_bytes:
            return f"the name is longer than {self.side} accepts ({self.max_bytes} bytes)"
        if self.no_trailing_dot_or_space and name.endswith((".", " ")):
            return f"{self.side} does not accept names ending in a dot or a space"
        return None

    def path_problem(self, path: str) -> str | None:
        for name in path.split("/"):
            problem = self.problem(name)
            if problem:
                return problem
        return None


LOCAL_NAME_RULES = NameRules(side="this computer")

# What any WebDAV server we know stores, Nextcloud's rules included (backslash,
# .htaccess and part files are refused there).
WEBDAV_NAME_RULES = NameRules(
    side="the server",
    forbidden_chars="/\\\x00",
    forbidden_names=frozenset({".", "..", ".htaccess"}),
    forbidden_suffixes=(".part", ".filepart"),
)
