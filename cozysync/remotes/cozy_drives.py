"""Shared drives of a Cozy (class and team spaces) as remotes of their own.

What the stack does, read from its code (cozy-stack at db1163854f, ``web/sharings/
drives.go``; ``docs/shared-drives.md`` where the code agrees):

- ``GET /sharings/drives`` (drives.go:40-60) lists the active sharings with ``drive:
  true`` (``ListDrives``, ``model/sharing/sharing.go:1046-1061``), owned or received, as
  a JSON:API list of ``io.cozy.sharings``; it asks GET on the whole ``io.cozy.files``
  type, which this client's scope gives (no other scope is needed).  A drive's root is
  its files rule's first value (``DriveRootID``, sharing.go:160-166), the *owner's* id
  (a drive's rules are not xored for the recipient: ``model/sharing/oauth.go:39-40``);
  ``drive_root_type`` "file" is a drive of one file (only "directory" drives are
  synced); the members as for any sharing, this Cozy's the recipient with an
  ``instance`` and its ``read_only`` flag.
- Every other route is ``/sharings/drives/:id/...`` (drives.go:1275-1332), the
  ``/files`` handler behind it run on the owner's Cozy (a recipient's stack replays the
  request there with the drive's token, ``proxy``, :1334-1409): ``_changes``,
  ``metadata?Path=`` (the owner's path), ``:file-id`` (GET, POST to create in it, PUT,
  PATCH, DELETE to the owner's trash), ``download/:file-id``, ``trash/:file-id``.  So
  the ``CozyRemote`` of a drive is the Cozy one with ``/files`` swapped for the drive's
  prefix (``DriveSession``).
- A read-only member's write is refused, 403 "write access denied: read-only member"
  (``checkSharedDrivePermission``, :1443-1508, for POST, PUT, PATCH and DELETE): a
  read-only drive is told to the engine as a read-only share of the whole folder, so
  a change made in it stays on this computer and is never sent.
- The drive's ``_changes`` is the owner's whole files feed, each doc outside the drive
  (its root too) turned into a deletion, paths left as the owner's (``web/files/
  files.go:1979-2006``).  The tree is kept by ids from the root, as for the Cozy itself
  (``cozy_changes``).  A full listing needs the current sequence: ``since=now`` (the
  stack hands ``since`` to CouchDB as it is, files.go:1877-1883; CouchDB's ``since``
  takes ``now``), then a walk of the drive's folders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from cozysync.errors import ConfigError, ProtocolError
from cozysync.i18n import translate
from cozysync.models import ReadOnlyShare, RemoteState
from cozysync.ports import Clock, RemoteFeatures, Secrets, Stoppable
from cozysync.remotes.cozy import CozyRemote
from cozysync.remotes.cozy_account import CozyAccountSide
from cozysync.remotes.cozy_auth import CozySession, TokenStore, json_body
from cozysync.remotes.cozy_changes import PAGE_SIZE, ChangesReader
from cozysync.remotes.cozy_sharings import _is_read_only, _list, _owner_name
from cozysync.shared_drives import SharedDrive

__all__ = ["CozyDriveRemote", "DriveSession", "list_drives", "shared_drives"]

DRIVES = "/sharings/drives"


def shared_drives(items: Iterator[dict[str, Any]]) -> tuple[SharedDrive, ...]:
    """The drives of a ``GET /sharings/drives`` answer, by name."""
    found = []
    for item in items:
        attrs = item.get("attributes")
        if not isinstance(attrs, dict) or not attrs.get("drive") or not attrs.get("active"):
            continue
        rules = [r for r in _list(attrs.get("rules")) if r.get("doctype") == "io.cozy.files"]
        values = rules[0].get("values") if rules else None
        if not isinstance(values, list) or not values or not item.get("id"):
            continue
        name = str(rules[0].get("title") or attrs.get("description") or item["id"])
        found.append(
            SharedDrive(
                drive_id=str(item["id"]),
                name=name,
                owner=_owner_name(attrs.get("members")),
                read_only=not attrs.get("owner") and _is_read_only(attrs),
                owned=bool(attrs.get("owner")),
                root_id=str(values[0]),
                is_folder=attrs.get("drive_root_type") in (None, "", "directory"),
            )
        )
    return tuple(sorted(found, key=lambda d: (d.name.casefold(), d.drive_id)))


def list_drives(session: CozySession) -> tuple[SharedDrive, ...]:
    """``GET /sharings/drives``."""
    response = session.request("GET", DRIVES)
    if response.status_code != 200:
        session.fail(response, "")
    data = json_body(response).get("data")
    if not isinstance(data, list):
        raise ProtocolError("your Cozy sent a list of shared drives cozysync cannot read")
    return shared_drives(item for item in data if isinstance(item, dict))


class DriveSession(CozySession):
    """A Cozy session whose ``/files`` requests go to one drive's routes."""

    def __init__(self, drive_id: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.drive_id = drive_id

    def drive_path(self, path: str) -> str:
        if path == "/files/_changes" or path.startswith("/files/"):
            return f"{DRIVES}/{self.drive_id}/" + path.removeprefix("/files/")
        return path

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return super().request(method, self.drive_path(path), **kwargs)


class _DriveChanges(ChangesReader):
    """The tree cache of a drive: a full listing walks from the drive's root."""

    def __init__(self, root_id: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.root_id = root_id

    def full_listing(self) -> None:
        _, head = self._get("/files/_changes", {"since": "now", "limit": "1"})
        seq = head.get("last_seq")
        if seq is None:
            raise ProtocolError("your Cozy did not give the drive's current changes sequence")
        self.cache.apply(self.walk(self.root_id), (), str(seq), reset=True)


class _NoAccountSide(CozyAccountSide):
    """A drive's space and warnings are its owner's: nothing is asked for them here (the
    Cozy folder's own remote tells this Cozy's)."""

    def before_listing(self, root_id: str) -> None:
        return None

    def before_upload(self, path: str, size: int, *, replacing: bool) -> None:
        return None

    def after_pass(self) -> None:
        return None


class _DriveRights:
    """``TellsReadOnlyShares`` of a drive: the whole folder when this Cozy's member is
    read-only (drives.go:1502-1504)."""

    def __init__(self, remote: CozyDriveRemote) -> None:
        self.remote = remote

    def read_only_shares(self) -> tuple[ReadOnlyShare, ...]:
        drive = self.remote.drive()
        return (ReadOnlyShare("", drive.name, drive.owner),) if drive.read_only else ()


class CozyDriveRemote(CozyRemote):
    """One shared drive of the Cozy at ``instance_url`` as a linked folder's remote."""

    def __init__(
        self,
        instance_url: str,
        drive_id: str,
        *,
        secrets: Secrets,
        account: str,
        cache_path: Path,
        clock: Clock | None = None,
        client: httpx.Client | None = None,
        timeout: float = 60.0,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(
            instance_url, secrets=secrets, account=account, cache_path=cache_path,
            clock=clock, client=client, timeout=timeout, page_size=page_size,
        )  # fmt: skip
        self.session.close()  # the Cozy's own: the drive's takes its place
        self.session = DriveSession(
            drive_id, instance_url, TokenStore(secrets, account), clock=self._clock,
            client=client, timeout=timeout,
        )  # fmt: skip
        self.drive_id = drive_id
        self._page_size = page_size
        self.account = _NoAccountSide(self.session, self.cache, None)
        self._drive: SharedDrive | None = None
        self._rights = _DriveRights(self)

    @property
    def features(self) -> RemoteFeatures:
        """Old versions as on the Cozy; a read-only drive is a read-only share of the
        whole folder; the drive's own realtime route tells its changes (``ChangeFeed``)."""
        return RemoteFeatures(change_feed=self, read_only_shares=self._rights, version_history=self)

    def watch_changes(self, on_change: Callable[[], None], name: str) -> Stoppable:
        """The drive's realtime websocket as a trigger (``cozy_drive_realtime``)."""
        # imported here: only watch mode needs it (and websockets)
        from cozysync.remotes.cozy_drive_realtime import DriveRealtime

        feed = DriveRealtime(
            self.drive_id, self.session, on_change, name=name, is_own_write=self.is_own_write
        )
        return feed.start()

    def drive(self) -> SharedDrive:
        """The drive as the Cozy lists it now (asked once per listing)."""
        if self._drive is None:
            self._drive = self._find_drive()
        return self._drive

    def _find_drive(self) -> SharedDrive:
        for drive in list_drives(self.session):  # the Cozy's route: not rewritten
            if drive.drive_id == self.drive_id:
                if not drive.is_folder:
                    said = translate(
                        "CLI",
                        "the shared drive '%1' is a single file, not a folder: cozysync syncs "
                        "folders",
                    )
                    raise ConfigError(said.replace("%1", drive.name))
                self._use_root(drive.root_id)
                return drive
        raise ConfigError(
            translate("CLI", "this shared drive is no longer shared with you on your Cozy"),
            translate(
                "CLI",
                "Remove it from this computer with: cozysync drives --remove NAME (its files "
                "here are kept).",
            ),
        )

    def _use_root(self, root_id: str) -> None:
        if self._root_id != root_id:
            self._root_id = root_id
            self.changes = _DriveChanges(
                root_id, self.session, self.cache, page_size=self._page_size
            )
        response = self.session.request("GET", f"/files/{root_id}", params={"page[limit]": "1"})
        if response.status_code != 200:
            self.session.fail(response, "")
        attrs = (json_body(response).get("data") or {}).get("attributes") or {}
        path = attrs.get("path")
        if not isinstance(path, str) or not path.startswith("/"):
            raise ProtocolError("your Cozy sent a shared drive cozysync cannot read")
        self._root_path = path.rstrip("/")  # the owner's path: metadata?Path= asks it

    def _root(self) -> str:
        self.drive()
        assert self._root_id is not None
        return self._root_id

    def _abs(self, path: str) -> str:
        self.drive()
        return super()._abs(path)

    def check(self) -> None:
        self._drive = None
        self.drive()
        super().check()

    def list_tree(self) -> list[RemoteState]:
        self._drive = None  # its name, rights and root read again at each listing
        self.drive()
        return super().list_tree()
