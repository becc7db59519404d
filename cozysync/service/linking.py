"""Checks made when a folder is linked (the address, the server, no overlap with another
linked folder) and before ``unlink --wipe-local`` deletes anything (files only here)."""

from __future__ import annotations

import ipaddress
import os
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cozysync.config import ClientCertificate, FolderConfig
from cozysync.errors import (
    AuthError,
    CaptivePortalError,
    ClientCertificateError,
    ConfigError,
    CozySyncError,
    OfflineError,
    RemoteItemMissingError,
    UntrustedCertificateError,
)
from cozysync.models import JournalEntry, SyncMode
from cozysync.paths import path_key
from cozysync.phrases import phrase
from cozysync.ports import Journal
from cozysync.service.wiring import Accounts
from cozysync.shared_drives import COZY_DRIVE

__all__ = [
    "check_mode",
    "check_not_nested",
    "check_remote_not_nested",
    "check_url",
    "is_unencrypted",
    "local_only_files",
    "plain_http_warning",
    "probe_server",
    "resolve_root",
]

_LOOPBACK_NAMES = ("localhost", "localhost.localdomain")


def check_url(url: str) -> str:
    """A plain http(s) URL without credentials, or ``ConfigError``."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            phrase("{url!r} is not a server address", url=url),
            phrase("Give a full address like https://host/dav/"),
        )
    if parts.username or parts.password:
        raise ConfigError(
            phrase("the address contains a user name or password"),
            phrase("Give the user with --user and the password with --password-stdin."),
        )
    try:
        parts.port  # noqa: B018 (urllib checks the port only when asked: ValueError)
    except ValueError:
        raise ConfigError(
            phrase("{value!r} has a port that is not a number from 0 to 65535", value=url.strip()),
            phrase("Give the address with a numeric port (https://host:8443/) or none."),
        ) from None
    return url.strip()


def is_unencrypted(url: str) -> bool:
    """Whether a password and files sent to ``url`` cross the network in clear: plain
    ``http://`` to another computer (this computer itself, the demo's 127.0.0.1,
    ``localhost`` or ``::1``, is not a network anyone else is on)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http":
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True  # a name: it may lead anywhere


def plain_http_warning(url: str) -> str | None:
    """The warning ``link`` prints for an unencrypted address (``is_unencrypted``)."""
    if not is_unencrypted(url):
        return None
    return (
        f"{url.strip()} is not encrypted: your password and files cross the network "
        "readable by anyone on it. Use https:// if the server offers it."
    )


def resolve_root(root: Path) -> Path:
    """The folder to sync for ``root``: itself, or the folder it leads to when it is a
    symbolic link (kept as a link, every pass failed: the root guard and the scan do
    not follow it).  ``ConfigError`` if the link leads nowhere or not to a folder."""
    if not root.is_symlink():
        return root
    try:
        target = root.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # nothing there, or a loop of links
        raise ConfigError(
            phrase(
                "{root} is a link to {link_text}, which does not exist",
                root=root,
                link_text=_link_text(root),
            ),
            phrase("Link the folder itself, or repair the link first."),
        ) from exc
    if not target.is_dir():
        raise ConfigError(
            phrase("{root} is a link to {target}, which is not a folder", root=root, target=target),
            phrase("Link a folder."),
        )
    return target


def _link_text(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "an unknown place"


def probe_server(
    url: str,
    user: str | None,
    password: str | None,
    *,
    accounts: Accounts,
    read_only: bool = False,
    client_cert: ClientCertificate | None = None,
) -> None:
    """Check that ``url`` is a WebDAV collection these credentials may use
    (``read_only``: without writing anything there, for a download-only folder;
    ``client_cert``: shown to a server that asks for one)."""
    try:
        accounts.probe_webdav(url, user, password, read_only=read_only, client_cert=client_cert)
    except (CaptivePortalError, UntrustedCertificateError, ClientCertificateError):
        raise  # said as it is: sign in to the Wi-Fi, ask IT, give the certificate
    except OfflineError as exc:  # offline, as for a sync: exit code 3
        raise OfflineError(
            f"cannot reach {url}: {exc.title}", "Check the address and your connection."
        ) from exc
    except AuthError as exc:
        raise AuthError(
            f"{url} refused the login (user {user or 'none'})",
            "Check the user name (--user) and the password (an app password where needed).",
        ) from exc
    except RemoteItemMissingError as exc:
        raise ConfigError(
            phrase("there is no WebDAV folder at {url}", url=url), phrase("Check the address.")
        ) from exc
    except CozySyncError as exc:
        raise ConfigError(
            phrase("{url} is not a usable WebDAV folder: {title}", url=url, title=exc.title),
            phrase("Check the address."),
        ) from exc


def check_not_nested(root: Path, folders: list[FolderConfig]) -> None:
    real = root.resolve()
    for other in folders:
        theirs = Path(other.local_root).resolve()
        if real == theirs or real.is_relative_to(theirs) or theirs.is_relative_to(real):
            raise ConfigError(
                phrase(
                    "{root} overlaps the linked folder {name!r} ({local_root})",
                    root=root,
                    name=other.name,
                    local_root=other.local_root,
                ),
                phrase("Choose a folder that is neither inside nor around another linked folder."),
            )


def check_remote_not_nested(url: str, folders: list[FolderConfig]) -> None:
    """Refuse a server folder equal to, inside or around another pair's (same server)."""
    mine = _remote_location(url)
    for other in folders:
        if other.remote_kind == COZY_DRIVE:
            continue  # a shared drive is no folder of the Cozy's own tree
        theirs = _remote_location(other.remote_url)
        if mine[0] != theirs[0]:
            continue
        shorter = min(len(mine[1]), len(theirs[1]))
        if mine[1][:shorter] == theirs[1][:shorter]:
            raise ConfigError(
                phrase(
                    "{url} overlaps the server folder of the linked folder {name!r} ({remote_url})",
                    url=url,
                    name=other.name,
                    remote_url=other.remote_url,
                ),
                phrase(
                    "Choose a server folder that is neither inside nor around another linked one."
                ),
            )


def _remote_location(url: str) -> tuple[tuple[str, str, int], tuple[str, ...]]:
    """(scheme, host, port) and the path's segments, decoded: two spellings of one
    server folder give the same value."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    path = unicodedata.normalize("NFC", unquote(parts.path))
    segments = tuple(seg for seg in path.split("/") if seg and seg != ".")
    return (scheme, (parts.hostname or "").lower(), port), segments


def local_only_files(
    root: Path, journal: Journal, is_own_temp_name: Callable[[str], bool]
) -> list[str]:
    """Files under ``root`` the journal does not hold as synced, unchanged, (ignored,
    unstorable, special or edited since): deleting them would lose them (cozysync's own
    temp files and marker, ``is_own_temp_name``, aside)."""
    entries = journal.entries()
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        rel_folder = Path(folder).relative_to(root).as_posix()
        for name in dirs + files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            if is_own_temp_name(name):
                continue
            entry = entries.get(path_key(rel))
            st = os.lstat(os.path.join(folder, name))
            if entry is None or not _is_as_synced(entry, st):
                found.append(rel)
    return sorted(found)


def _is_as_synced(entry: JournalEntry, st: os.stat_result) -> bool:
    if stat.S_ISDIR(st.st_mode):
        return entry.is_dir
    same = (st.st_size, st.st_mtime_ns) == (entry.size, entry.mtime_ns)
    return stat.S_ISREG(st.st_mode) and not entry.is_dir and same


def check_mode(mode: str) -> str:
    """A folder's mode: two-way (the default), backup or download-only."""
    modes = [m.value for m in SyncMode]
    if mode not in modes:
        raise ConfigError(
            phrase("unknown mode {mode!r}", mode=mode),
            phrase("Choose one of: {names}.", names=", ".join(modes)),
        )
    return mode
