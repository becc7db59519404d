"""What the whole-engine checker asserts after a history has settled.

The ``Ledger`` follows the users, not the sync: every content a user writes is unique and
registered; when a user overwrites or deletes something, what the user saw there (read
just before acting) is *excused*: it is gone by the user's own choice.  Everything else
must survive.  Paths the users acted on are recorded per side, for the conflict check.

Checks (each returns failure lines, empty when all is well):

- (a) ``check_convergence``: the local tree equals the server's (by path key: each side
  keeps its own Unicode spelling), and the last ``sync --once`` did nothing;
- (b) ``check_no_loss``: every registered, unexcused content is in the local tree, on
  the server, or in the local OS trash (a conflict copy is in the local tree);
- (c) ``check_conflicts``: a conflict copy of a path is made only if users on both sides
  acted on that path (or a folder above or below it);
- (d) ``check_no_partial``: every file at a user path holds a content a user wrote (not a
  piece of one), and no cozysync temp file is left in the local folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Ledger",
    "Snapshot",
    "check_conflicts",
    "check_convergence",
    "check_no_loss",
    "check_no_partial",
    "conflict_origin",
    "key_of",
    "snapshot",
]

MARKER = ".cozysync"
TEMP = re.compile(r"^\.cozysync-.+\.tmp$")  # upload/download temps and server probe folders
_CONFLICT = re.compile(r" \(conflict [^()/]+ \d{4}-\d{2}-\d{2} \d{6}\)")


def key_of(path: str) -> str:
    return unicodedata.normalize("NFC", path)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_related(key: str, touched: set[str]) -> bool:
    return any(t == key or t.startswith(key + "/") or key.startswith(t + "/") for t in touched)


def conflict_origin(path: str) -> str | None:
    """The path a conflict copy was made from, or None if ``path`` is not one (a copy
    inside a folder that became a conflict copy itself comes from the folder's original
    path: seed 40263)."""
    folder, _, name = path.rpartition("/")
    if not _CONFLICT.search(name):
        return None
    original = _CONFLICT.sub("", name, count=1)
    folder = _CONFLICT.sub("", folder)
    return f"{folder}/{original}" if folder else original


@dataclass
class Ledger:
    contents: dict[str, str] = field(default_factory=dict)  # sha256 -> who wrote it where
    excused: set[str] = field(default_factory=set)
    touched: dict[str, set[str]] = field(default_factory=lambda: {"local": set(), "remote": set()})

    def wrote(self, data: bytes, origin: str) -> None:
        self.contents.setdefault(digest(data), origin)

    def excuse(self, data: bytes) -> None:
        self.excused.add(digest(data))

    def touch(self, side: str, path: str) -> None:
        self.touched[side].add(key_of(path))

    def moved(self, old: str, new: str) -> None:
        """An item moved (on either side) carries what both sides did to it: a conflict
        copy made at its old place and moved along, or a later one at its new place, is
        about the same file (seed 70244)."""
        old_key, new_key = key_of(old), key_of(new)
        for touched in self.touched.values():
            under = [t for t in touched if t == old_key or t.startswith(old_key + "/")]
            touched.update(new_key + t[len(old_key) :] for t in under)


@dataclass
class Snapshot:
    """One side's tree: path key -> content (None for a folder), and leftovers."""

    items: dict[str, bytes | None]
    spelled: dict[str, str]  # path key -> path as spelled on that side
    temps: list[str]
    # every file's digest, also of two files whose names differ only in Unicode form
    # (one key in ``items``): what the loss check looks for (seed 71466)
    digests: set[str] = field(default_factory=set)


def snapshot(root: Path, *, skip_marker: bool = True) -> Snapshot:
    items: dict[str, bytes | None] = {}
    spelled: dict[str, str] = {}
    temps: list[str] = []
    digests: set[str] = set()
    if not root.exists():
        return Snapshot(items, spelled, temps)
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        name = path.name
        if skip_marker and rel == MARKER:
            continue
        if TEMP.match(name) or any(TEMP.match(part) for part in rel.split("/")[:-1]):
            temps.append(rel)
            continue
        key = key_of(rel)
        spelled[key] = rel
        items[key] = None if path.is_dir() else path.read_bytes()
        if items[key] is not None:
            digests.add(digest(items[key]))
    return Snapshot(items, spelled, temps, digests)


def trash_contents(xdg_data_home: Path) -> set[str]:
    files = xdg_data_home / "Trash" / "files"
    if not files.exists():
        return set()
    return {digest(p.read_bytes()) for p in files.rglob("*") if p.is_file()}


def _describe(items: dict[str, bytes | None], key: str) -> str:
    if key not in items:
        return "absent"
    value = items[key]
    return "folder" if value is None else f"file {digest(value)[:10]} ({len(value)} B)"


def check_convergence(local: Snapshot, server: Snapshot) -> list[str]:
    failures = []
    for key in sorted(set(local.items) | set(server.items)):
        if local.items.get(key, 0) != server.items.get(key, 0):
            failures.append(
                f"(a) not converged at {key!r}: local {_describe(local.items, key)}, "
                f"server {_describe(server.items, key)}"
            )
    return failures


def check_no_loss(
    ledger: Ledger, local: Snapshot, server: Snapshot, trashed: set[str]
) -> list[str]:
    present = {digest(v) for snap in (local, server) for v in snap.items.values() if v is not None}
    present |= local.digests | server.digests | trashed
    return [
        f"(b) lost: the content {sha[:10]} that {origin} is nowhere (tree, server, trash)"
        for sha, origin in sorted(ledger.contents.items(), key=lambda kv: kv[1])
        if sha not in ledger.excused and sha not in present
    ]


def check_conflicts(ledger: Ledger, local: Snapshot) -> list[str]:
    failures = []
    for key in sorted(local.items):
        origin = conflict_origin(key)
        if origin is None:
            continue
        sides = [s for s in ("local", "remote") if is_related(origin, ledger.touched[s])]
        if len(sides) < 2:
            acted = " and ".join(sides) or "no"
            failures.append(
                f"(c) spurious conflict copy {key!r}: only {acted} side users acted on {origin!r}"
            )
    return failures


def check_no_partial(ledger: Ledger, local: Snapshot, server: Snapshot) -> list[str]:
    failures = [f"(d) temp file left in the local folder: {t}" for t in local.temps]
    for side, snap in (("local", local), ("server", server)):
        for key, value in sorted(snap.items.items()):
            if value is not None and digest(value) not in ledger.contents:
                failures.append(
                    f"(d) {side} {key!r} holds {len(value)} bytes no user wrote "
                    f"(a partial or mixed file; starts {value[:24]!r})"
                )
    return failures
