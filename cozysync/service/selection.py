"""Selective sync for the facade: the server's top-level folders with their state, and
the checks on the names a user excludes or includes (the engine's side is
``cozysync.sync.selective``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cozysync.config import FolderConfig
from cozysync.errors import ConfigError
from cozysync.paths import path_key
from cozysync.phrases import phrase
from cozysync.ports import Remote

__all__ = ["RemoteFolder", "check_folder_names", "list_remote_folders"]

KEPT = "kept on this computer"
NOT_YET = "not on this computer yet"
EXCLUDED = "excluded"
EXCLUDED_LEFT_HERE = "excluded, a folder of that name here is left alone"
EXCLUDED_GONE = "excluded, not on the server"


@dataclass(frozen=True, slots=True)
class RemoteFolder:
    """A top-level folder of a pair's server side, for "choose what to keep here"."""

    name: str
    excluded: bool
    on_this_computer: bool  # a folder of that name is in the local folder
    on_server: bool
    state: str  # one of the English states above (``excluded``/flags say it for a UI)


def list_remote_folders(folder: FolderConfig, remote: Remote) -> list[RemoteFolder]:
    """Every top-level folder on the server, and every excluded name not there (so it
    can be included again), sorted by name."""
    on_server = {
        path_key(item.path): item.path
        for item in remote.list_tree()
        if item.is_dir and "/" not in item.path
    }
    excluded = {path_key(n): n for n in folder.excluded_folders}
    names = {**excluded, **on_server}
    found = []
    for key, name in names.items():
        here = (folder.local_path / name).is_dir()
        is_excluded, there = key in excluded, key in on_server
        if not is_excluded:
            state = KEPT if here else NOT_YET
        elif not there:
            state = EXCLUDED_GONE
        else:
            state = EXCLUDED_LEFT_HERE if here else EXCLUDED
        found.append(RemoteFolder(name, is_excluded, here, there, state))
    return sorted(found, key=lambda f: f.name.casefold())


def check_folder_names(names: Iterable[str]) -> tuple[str, ...]:
    """Top-level folder names as given (a trailing ``/`` dropped), each checked."""
    checked = []
    for raw in names:
        name = raw.strip().strip("/")
        if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
            raise ConfigError(
                phrase("{raw!r} is not the name of a top-level folder", raw=raw),
                phrase("Give a folder's name as 'cozysync folders NAME' lists it (no '/')."),
            )
        checked.append(path_key(name))
    return tuple(dict.fromkeys(checked))
