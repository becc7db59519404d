"""Copying a server folder out of any sync (what ``restore`` and ``export`` share): which
server items to copy, under which local names, and a download that starts again if the
server's version changed meanwhile."""

from __future__ import annotations

from pathlib import Path

from cozysync.errors import ConfigError, PreconditionFailedError, RemoteItemMissingError
from cozysync.models import RemoteState
from cozysync.paths import LOCAL_NAME_RULES, depth, parent_of, rebase
from cozysync.phrases import phrase
from cozysync.ports import Remote
from cozysync.sync.hashing import HashingWriter

__all__ = ["check_outside", "download_fresh", "local_name", "remote_items"]


def remote_items(remote: Remote, remote_path: str) -> list[RemoteState]:
    """The item at ``remote_path`` (the whole folder when empty) and everything below
    it, parents before children.  ``ConfigError`` if nothing is there."""
    remote_path = remote_path.strip("/")
    if not remote_path:
        items = remote.list_tree()
    else:
        top = remote.stat(remote_path)
        if top is None:
            raise ConfigError(
                phrase("there is no {remote_path!r} on the server", remote_path=remote_path),
                phrase("Give its path inside the folder."),
            )
        items = [top, *remote.list_below(remote_path)] if top.is_dir else [top]
    return sorted(items, key=lambda item: (depth(item.path), item.path))


def local_name(item_path: str, remote_path: str) -> str:
    """Where the server's ``item_path`` lands: below the copied item's parent, so a
    copied folder or file keeps its own name.  ``ConfigError`` for a name this computer
    cannot store."""
    base = parent_of(remote_path.strip("/"))
    rel = rebase(item_path, base, "") if base else item_path
    problem = LOCAL_NAME_RULES.path_problem(rel)
    if problem:
        raise ConfigError(
            phrase(
                "{item_path!r} cannot be copied here: {problem}",
                item_path=item_path,
                problem=problem,
            )
        )
    return rel


def check_outside(local_dest: Path, synced_root: Path) -> None:
    """Refuse a destination inside the synced folder, or around it."""
    dest, root = local_dest.resolve(), synced_root.resolve()
    if dest == root or dest.is_relative_to(root) or root.is_relative_to(dest):
        raise ConfigError(
            phrase(
                "{local_dest} overlaps the synced folder {synced_root}",
                local_dest=local_dest,
                synced_root=synced_root,
            ),
            phrase("Choose a destination outside the synced folder: it is left untouched."),
        )


def download_fresh(remote: Remote, item: RemoteState, sink: HashingWriter) -> RemoteState | None:
    """Download ``item`` pinned to the listed version (its size and checksum checked);
    if it changed on the server since the listing, start again once with the new
    version.  None if it is gone from the server meanwhile."""
    try:
        return remote.download(item.path, sink.as_binary_io(), expected=item, progress=None)
    except (PreconditionFailedError, RemoteItemMissingError):
        fresh = remote.stat(item.path)
        if fresh is None or fresh.is_dir:
            return None
        sink.reset()
        return remote.download(item.path, sink.as_binary_io(), expected=fresh, progress=None)
