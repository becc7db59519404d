"""Linking a folder to its server: WebDAV (a plain http(s) collection URL) or the Cozy
Stack (an instance address, linked through a browser login); unlinking forgets the
account.  The remote a linked folder syncs with is built by the composition root
(``cozysync.composition``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit

from cozysync.config import (
    ClientCertificate,
    FolderConfig,
    FolderStore,
    Locations,
    client_key_account,
)
from cozysync.errors import ConfigError, CozySyncError, OfflineError
from cozysync.phrases import phrase
from cozysync.ports import Secrets
from cozysync.service.linking import probe_server
from cozysync.service.wiring import Accounts
from cozysync.shared_drives import COZY_DRIVE, drive_of_address

__all__ = [
    "COZY",
    "WEBDAV",
    "cozy_cache_path",
    "cozy_instance",
    "forget_remote",
    "probe_webdav",
]

log = logging.getLogger(__name__)

WEBDAV, COZY = "webdav", "cozy"


def cozy_instance(url: str, *, forced: bool, accounts: Accounts) -> str | None:
    """The Cozy ``url`` leads to, or ``None``: not a Cozy.  An address pasted from the
    browser's Drive or Photos tab is the app's, not the Cozy's (``cozy_address``): the
    instance without the app slug is asked first, then ``url``'s own origin (a self-hosted
    Cozy whose name only looks like an app's).  ``forced`` (``--cozy``, the wizard's Cozy
    choice): the first of them even when none answers like a Cozy."""
    own = urlsplit(url.strip())
    candidates = dict.fromkeys([accounts.cozy_instance_url(url), f"{own.scheme}://{own.netloc}"])
    found = next((c for c in candidates if accounts.is_cozy(c)), None)
    return found or (next(iter(candidates)) if forced else None)


def probe_webdav(
    url: str,
    user: str | None,
    password: str | None,
    *,
    accounts: Accounts,
    read_only: bool,
    client_cert: ClientCertificate | None = None,
) -> None:
    """``linking.probe_server`` for an address that did not answer like a Cozy: when it
    is no WebDAV folder either, the error says both (never a silent WebDAV setup)."""
    try:
        probe_server(
            url, user, password, accounts=accounts, read_only=read_only, client_cert=client_cert
        )
    except ConfigError as exc:
        raise ConfigError(*_nor_a_cozy(exc)) from exc
    except OfflineError as exc:  # unreachable stays offline (exit code 3)
        if type(exc) is not OfflineError:
            raise  # a Wi-Fi sign-in page is said as it is
        raise OfflineError(*_nor_a_cozy(exc)) from exc


def _nor_a_cozy(exc: CozySyncError) -> tuple[str, str]:
    for_a_cozy = phrase(
        "For a Cozy, give its address, like https://alice.mycozy.cloud, or add --cozy."
    )
    return (
        phrase("{title} (nor does it answer like a Cozy)", title=exc.title),
        phrase("{hint} {for_a_cozy}", hint=exc.hint, for_a_cozy=for_a_cozy)
        if exc.hint
        else for_a_cozy,
    )


def cozy_cache_path(locations: Locations, folder: FolderConfig) -> Path:
    """The Cozy remote's own cache: the tree as the changes feed built it, and its
    last sequence (committed together, so a killed pass resumes where it was)."""
    return locations.data_dir / "cozy" / f"{folder.folder_id}.sqlite"


def _login_shared(folder: FolderConfig, locations: Locations) -> bool:
    """Whether another linked folder uses the same Cozy login (a shared drive added from
    a Cozy folder uses its login): then it is kept, on the Cozy and here."""
    try:
        folders = FolderStore(locations.folders_file).load()
    except ConfigError:
        return True  # unreadable: keeping a login is the safe side
    return any(
        f.cozy_account == folder.cozy_account and f.folder_id != folder.folder_id for f in folders
    )


def forget_remote(
    folder: FolderConfig, locations: Locations, open_store: Callable[[], Secrets],
    accounts: Accounts,
) -> list[str]:  # fmt: skip
    """Unlinking: a Cozy client is unregistered on the server and its tokens removed; a
    WebDAV password is removed.  Returns warnings for what could not be done.  The secret
    store is opened only if the folder has a secret in it."""
    warnings: list[str] = []
    if folder.remote_kind in (COZY, COZY_DRIVE) and folder.cozy_account is not None:
        if not _login_shared(folder, locations):  # a drive uses its Cozy folder's login
            try:
                instance = folder.remote_url
                if folder.remote_kind == COZY_DRIVE:
                    instance = drive_of_address(folder.remote_url)[0]
                accounts.unlink_cozy(instance, open_store(), folder.cozy_account)
            except (CozySyncError, ValueError) as exc:
                said = exc.one_line() if isinstance(exc, CozySyncError) else str(exc)
                warnings.append(
                    f"this computer could not be removed from your Cozy ({said}); "
                    "remove it in your Cozy's settings, under Connected devices"
                )
        accounts.remove_cozy_cache(cozy_cache_path(locations, folder))
    elif folder.user is not None:
        try:
            open_store().delete(folder.folder_id)
        except CozySyncError as exc:
            warnings.append(f"the password could not be removed: {exc.one_line()}")
    if folder.client_cert is not None:  # its key's passphrase, if one was kept
        with suppress(CozySyncError):
            open_store().delete(client_key_account(folder.folder_id))
    return warnings
