"""Shared drives: the class and team spaces of a Cozy (docs/cozy-stack.md, "Shared
drives").  A drive is synced as a linked folder of its own, kind ``cozy-drive``, whose
address is the Cozy's followed by ``/sharings/drives/<drive id>``; it uses the login of
the Cozy folder it was added from (no second browser login)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COZY_DRIVE", "DRIVES_PATH", "SharedDrive", "drive_address", "drive_of_address"]

COZY_DRIVE = "cozy-drive"  # FolderConfig.remote_kind of a drive's folder
DRIVES_PATH = "/sharings/drives/"


@dataclass(frozen=True, slots=True)
class SharedDrive:
    """One drive this Cozy is a member of (or owns)."""

    drive_id: str
    name: str
    owner: str  # the owner's public name ("ACME", "Collège Jean Moulin")
    read_only: bool  # this Cozy's member may only read it
    owned: bool  # this Cozy made it
    root_id: str  # the id of its root folder (on the owner's Cozy)
    is_folder: bool = True  # a drive whose root is one file cannot be synced as a folder
    linked_as: str | None = None  # the linked folder syncing it, if any


def drive_address(instance_url: str, drive_id: str) -> str:
    """The ``remote_url`` of a drive's linked folder."""
    return instance_url.rstrip("/") + DRIVES_PATH + drive_id


def drive_of_address(remote_url: str) -> tuple[str, str]:
    """(instance address, drive id) of a drive's ``remote_url``."""
    instance, sep, drive_id = remote_url.rpartition(DRIVES_PATH)
    if not sep or not drive_id or "/" in drive_id:
        raise ValueError(f"{remote_url!r} is not a shared drive's address")
    return instance, drive_id
