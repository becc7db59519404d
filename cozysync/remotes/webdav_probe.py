"""Learning what a WebDAV server supports (Depth infinity, X-OC-Mtime, If-Match, odd
Destination names, atomic PUT), once a week: the probes and their saved record."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from cozysync.errors import (
    ConfigError,
    CozySyncError,
    RemoteItemMissingError,
    SyncError,
)
from cozysync.paths import join
from cozysync.phrases import phrase
from cozysync.remotes.nextcloud_trash import purge_own_temp
from cozysync.remotes.webdav_base import (
    _ATOMIC_PUT_MARK,
    _PROBE_MTIME,
    _PROBE_RECORD_VERSION,
    _TEMP_PREFIX,
    _TEMP_SUFFIX,
    PROBE_MAX_AGE_S,
    WebDavBase,
)
from cozysync.remotes.webdav_xml import (
    PROPFIND_BODY,
    PROPFIND_DAV_BODY,
)

__all__ = ["WebDavProbing"]


class WebDavProbing(WebDavBase):
    """The capability probes of ``WebDavRemote``."""

    def check(self, known: str | None = None) -> None:
        """Reach the folder and learn what the server supports.  ``known``: a
        ``probe_record()`` saved by an earlier run; while it is fresh (a week) the probes
        are not sent again, and the check is one ``PROPFIND Depth: 0``."""
        if known is not None and self._adopt(known):
            self._check_by_propfind()
            return
        try:
            response = self._send("OPTIONS", "", is_dir=True)
            if response.status_code == 404:
                # WsgiDAV answers OPTIONS with 404 below a non-ASCII folder while
                # PROPFIND works: the PROPFIND's 207 then proves a WebDAV folder.
                response.close()
                self._check_by_propfind()
                return
            if response.is_redirect:
                where = response.headers.get("Location", "elsewhere")
                raise ConfigError(
                    phrase("{base_url} redirects to {where}", base_url=self._base_url, where=where),
                    hint=phrase("Link the folder again with the address it redirects to."),
                )
            self._expect(response, "", {200, 204})
            classes = {c.strip() for c in response.headers.get("DAV", "").split(",")}
            if "1" not in classes:
                raise ConfigError(
                    phrase(
                        "{base_url} is not a WebDAV folder (no DAV header)", base_url=self._base_url
                    )
                )
            self._atomic_put = _ATOMIC_PUT_MARK in classes
        except RemoteItemMissingError as exc:
            raise ConfigError(
                phrase("the folder {base_url} is not on the server", base_url=self._base_url)
            ) from exc
        self._check_by_propfind()

    def _check_by_propfind(self) -> None:
        try:
            root = self._propfind("", "0", is_dir=True)
        except RemoteItemMissingError as exc:
            raise ConfigError(
                phrase("the folder {base_url} is not on the server", base_url=self._base_url)
            ) from exc
        if not any(item.path == "" and item.is_dir for item in root.items):
            raise ConfigError(phrase("{base_url} is not a WebDAV folder", base_url=self._base_url))
        self._caps = dataclasses.replace(
            self._caps, stable_ids=root.has_fileid, content_hashes=root.has_checksums
        )
        if not (root.has_fileid or root.has_checksums or root.has_oc_size):
            self._propfind_body = PROPFIND_DAV_BODY  # not an ownCloud-like server
        if not self._read_only and self._probed_at is None:
            self._probe()

    def probe_record(self) -> str | None:
        """What the probes found, to pass to ``check`` next time (None: nothing probed)."""
        if self._probed_at is None or self._depth_infinity is None:
            return None
        record = {
            "version": _PROBE_RECORD_VERSION,
            "url": self._base_url,
            "probed_at": self._probed_at,
            "depth_infinity": self._depth_infinity,
            "cuts_destination": self._cuts_destination,
            "set_mtime": self._caps.set_mtime,
            "if_match": self._caps.if_match,
            "atomic_put": self._atomic_put,
        }
        return json.dumps(record, sort_keys=True)

    def _adopt(self, known: str) -> bool:
        try:
            record = json.loads(known)
            fresh = 0 <= self._clock.now() - float(record["probed_at"]) < PROBE_MAX_AGE_S
            if (
                record.get("version") != _PROBE_RECORD_VERSION
                or record.get("url") != self._base_url
            ):
                return False
            if not fresh or self._read_only:
                return False
            caps = {"set_mtime": bool(record["set_mtime"]), "if_match": bool(record["if_match"])}
            depth, cuts = record["depth_infinity"], record["cuts_destination"]
            atomic_put = bool(record["atomic_put"])
        except (ValueError, TypeError, KeyError):
            return False  # unreadable: probe again
        self._caps = dataclasses.replace(self._caps, depth_infinity=bool(depth), **caps)
        self._depth_infinity = bool(depth)
        self._cuts_destination = cuts if isinstance(cuts, bool) else None
        self._atomic_put = atomic_put
        self._probed_at = float(record["probed_at"])
        self._depth_from_record = True
        return True

    def _probe(self) -> None:
        """Try Depth infinity, X-OC-Mtime, If-Match and odd Destination names (best effort:
        on a read-only folder the defaults stay and Depth infinity is probed lazily)."""
        try:
            with self._probe_folder() as folder:
                refused = self._send(
                    "PROPFIND",
                    folder,
                    is_dir=True,
                    content=PROPFIND_BODY,
                    headers={"Depth": "infinity"},
                )
                refused.close()
                self._depth_infinity = refused.status_code == 207
                self._cuts_destination = self._probe_destination(folder)
                self._caps = dataclasses.replace(
                    self._caps, depth_infinity=self._depth_infinity, **self._probe_file(folder)
                )
                self._probed_at = self._clock.now()
        except SyncError:  # e.g. 403/405 on MKCOL: a read-only or unusual folder
            return

    @contextmanager
    def _probe_folder(self) -> Iterator[str]:
        folder = f"{_TEMP_PREFIX}probe-{uuid.uuid4().hex}{_TEMP_SUFFIX}"
        self._expect(self._send("MKCOL", folder, is_dir=True), folder, {201})
        try:
            yield folder
        finally:
            if self._delete_quietly(folder, is_dir=True):
                self._purge_from_trash_bin(folder)

    def _purge_from_trash_bin(self, folder: str) -> None:
        """A Nextcloud keeps what a DELETE removes in the user's trash bin: the probe's
        folder is destroyed there too, so that no ``.cozysync-probe-…`` shows up in the
        user's Deleted files at each link or weekly probe (issue 18, item 5 leftover)."""
        with suppress(CozySyncError):  # best effort: left there, harmless, never listed
            purge_own_temp(self._base_url, self._client, self._auth, self._clock, folder)

    def _probe_file(self, folder: str) -> dict[str, bool]:
        path = join(folder, "probe")
        put = self._send("PUT", path, content=b"x", headers={"X-OC-Mtime": str(_PROBE_MTIME)})
        self._expect(put, path, {200, 201, 204})
        accepted = put.headers.get("X-OC-MTime", "").lower() == "accepted"
        state = self.stat(path)
        set_mtime = accepted or (state is not None and state.mtime == _PROBE_MTIME)
        guarded = self._send("PUT", path, content=b"y", headers={"If-Match": '"cozysync-no"'})
        guarded.close()
        return {"set_mtime": set_mtime, "if_match": guarded.status_code == 412}

    def _probe_destination(self, folder: str) -> bool:
        """True if a MOVE to ``b;c?d`` lands elsewhere (WsgiDAV 4.4)."""
        src, dst = join(folder, "a"), join(folder, "b;c?d")
        self._expect(self._send("PUT", src, content=b"x"), src, {200, 201, 204})
        headers = {"Destination": self._url(dst), "Overwrite": "F"}
        self._send("MOVE", src, headers=headers, idempotent=False).close()
        return self.stat(dst) is None

    def _destination_is_safe(self, path: str) -> bool:
        """False if ``path`` has a ``?``/``;`` that this server's MOVE cuts off (WsgiDAV
        unquotes ``Destination`` before splitting it as a URL: ``a?b`` lands on ``a``)."""
        if not any(c in path for c in "?;"):
            return True
        if self._cuts_destination is None:
            with self._probe_folder() as folder:
                self._cuts_destination = self._probe_destination(folder)
        return not self._cuts_destination
