"""Shared drives (class and team spaces of a Cozy): listing them, choosing one to sync
as a linked folder of its own, removing it (``cozysync.shared_drives``).  The drive's
folder uses the login of the Cozy folder it is added from; removing it keeps the files
on this computer, as ``unlink`` does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cozysync.config import FolderConfig, unique_name
from cozysync.errors import ConfigError
from cozysync.i18n import translate
from cozysync.ports import Secrets
from cozysync.service.linking import check_not_nested, resolve_root
from cozysync.service.remotes import COZY
from cozysync.service.wiring import Accounts
from cozysync.shared_drives import COZY_DRIVE, SharedDrive, drive_address, drive_of_address

__all__ = ["cozy_folder", "drive_folder", "drives_of", "linked_drive", "pick_drive"]


def _fill(said: str, *args: str) -> str:
    """``said`` with ``%1``, ``%2``... replaced by ``args``."""
    for number, arg in enumerate(args, 1):
        said = said.replace(f"%{number}", arg)
    return said


def cozy_folder(folders: list[FolderConfig], name: str | None) -> FolderConfig:
    """The Cozy folder whose drives are meant: ``name``, or the only Cozy one."""
    cozies = [f for f in folders if f.remote_kind == COZY]
    if name is not None:
        found = next((f for f in folders if f.name == name), None)
        if found is None:
            raise ConfigError(
                _fill(translate("CLI", "no linked folder is named '%1'"), name),
                translate("CLI", "See them with: cozysync list"),
            )
        if found.remote_kind == COZY_DRIVE:
            found = _parent_of(found, cozies) or found
        if found.remote_kind not in (COZY, COZY_DRIVE) or found.cozy_account is None:
            said = translate(
                "CLI", "the folder '%1' is not linked to a Cozy: it has no shared drives"
            )
            raise ConfigError(_fill(said, name))
        return found
    if len(cozies) == 1:
        return cozies[0]
    if not cozies:
        raise ConfigError(
            translate("CLI", "no folder is linked to a Cozy, so there is no shared drive to list"),
            translate("CLI", "Link your Cozy first: cozysync link DIR https://you.mycozy.cloud"),
        )
    said = translate("CLI", "several Cozy folders are linked: choose one by its name (%1)")
    raise ConfigError(_fill(said, ", ".join(f.name for f in cozies)))


def _parent_of(drive: FolderConfig, cozies: list[FolderConfig]) -> FolderConfig | None:
    return next((c for c in cozies if c.cozy_account == drive.cozy_account), None)


def _instance(folder: FolderConfig) -> str:
    if folder.remote_kind == COZY_DRIVE:
        return drive_of_address(folder.remote_url)[0]
    return folder.remote_url


def drives_of(
    cozy: FolderConfig, folders: list[FolderConfig], accounts: Accounts, secrets: Secrets
) -> tuple[SharedDrive, ...]:
    """The Cozy's drives, each with the linked folder syncing it (if any)."""
    assert cozy.cozy_account is not None
    instance = _instance(cozy)
    linked: dict[str, str] = {}
    for folder in folders:
        if folder.remote_kind == COZY_DRIVE:
            there, drive_id = drive_of_address(folder.remote_url)
            if there == instance:
                linked[drive_id] = folder.name
    drives = accounts.cozy_drives(instance, secrets, cozy.cozy_account)
    return tuple(replace(d, linked_as=linked.get(d.drive_id)) for d in drives)


def pick_drive(drives: tuple[SharedDrive, ...], wanted: str) -> SharedDrive:
    """The drive named ``wanted`` (its name, any case, or its id)."""
    for drive in drives:
        if drive.drive_id == wanted or drive.name == wanted:
            return drive
    folded = [d for d in drives if d.name.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    if not drives:
        raise ConfigError(
            _fill(translate("CLI", "your Cozy shares no drive named '%1': it shares none"), wanted)
        )
    names = ", ".join(f"'{d.name}'" for d in drives)
    raise ConfigError(
        _fill(translate("CLI", "your Cozy shares no drive named '%1'"), wanted),
        _fill(translate("CLI", "Its shared drives: %1. See them with: cozysync drives"), names),
    )


def drive_folder(
    cozy: FolderConfig,
    drive: SharedDrive,
    local_dir: Path,
    name: str | None,
    folders: list[FolderConfig],
) -> FolderConfig:
    """The settings of the folder that will sync ``drive`` at ``local_dir`` (checked:
    not linked yet, a folder drive, a free name, no overlap with another folder)."""
    if drive.linked_as is not None:
        said = translate("CLI", "the shared drive '%1' is already synced, as the folder '%2'")
        raise ConfigError(
            _fill(said, drive.name, drive.linked_as),
            translate("CLI", "See where with: cozysync list"),
        )
    if not drive.is_folder:
        said = translate(
            "CLI", "the shared drive '%1' is a single file, not a folder: cozysync syncs folders"
        )
        raise ConfigError(
            _fill(said, drive.name), translate("CLI", "Open it in your Cozy's Drive.")
        )
    root = resolve_root(local_dir.expanduser().absolute())
    if root.exists() and not root.is_dir():
        raise ConfigError(_fill(translate("CLI", "%1 is a file, not a folder"), str(root)))
    check_not_nested(root, folders)
    taken = {f.name for f in folders}
    if name is None:
        name = unique_name(drive.name, taken)
    elif not name.strip() or any(ord(c) < 0x20 for c in name):
        raise ConfigError(_fill(translate("CLI", "'%1' cannot be a folder name"), name))
    elif name in taken:
        raise ConfigError(
            _fill(translate("CLI", "a folder named '%1' is already linked"), name),
            translate("CLI", "Pick another name."),
        )
    return FolderConfig(
        name=name,
        local_root=str(root),
        remote_url=drive_address(_instance(cozy), drive.drive_id),
        remote_kind=COZY_DRIVE,
        cozy_account=cozy.cozy_account,
        secret_store=cozy.secret_store,
        device_name=cozy.device_name,
    )


def linked_drive(folders: list[FolderConfig], wanted: str) -> FolderConfig:
    """The linked folder syncing the drive ``wanted`` (the folder's name or the drive's
    id)."""
    drives = [f for f in folders if f.remote_kind == COZY_DRIVE]
    for folder in drives:
        if folder.name == wanted or drive_of_address(folder.remote_url)[1] == wanted:
            return folder
    hint = translate("CLI", "See them with: cozysync drives")
    if not drives:
        raise ConfigError(translate("CLI", "no shared drive is synced on this computer"), hint)
    names = ", ".join(f"'{f.name}'" for f in drives)
    raise ConfigError(
        _fill(
            translate("CLI", "no shared drive '%1' is synced on this computer (synced: %2)"),
            wanted,
            names,
        ),
        hint,
    )
