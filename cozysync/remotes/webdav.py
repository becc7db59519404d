"""``WebDavRemote``: the ``Remote`` port on any RFC 4918 server (WsgiDAV, Apache, Nextcloud).

One class in four modules, one concept each: ``webdav_base`` (the connection, retries,
PROPFIND, conditional requests), ``webdav_probe`` (what the server supports),
``webdav_upload`` (a hidden temp then a MOVE, so a partial file never appears under the
real name), and this one (listings, which are complete or raise; downloads; MKCOL, MOVE,
DELETE).  See ``shared/design/webdav-protocol.md``.
"""

from __future__ import annotations

import dataclasses
import errno
from collections import Counter, deque
from collections.abc import Iterable
from contextlib import closing
from typing import BinaryIO

import httpx

from cozysync.errors import (
    CozySyncError,
    DiskFullError,
    IntegrityError,
    LocalPermissionError,
    NameNotAllowedError,
    PreconditionFailedError,
    ProtocolError,
    RemoteItemMissingError,
)
from cozysync.models import RemoteState, SkipKind, SkippedItem, StorageQuota
from cozysync.paths import is_same_or_under, name_of, parent_of
from cozysync.ports import Progress, RemoteFeatures
from cozysync.remotes.http import (
    AccessRefusedError,
    BodyOverLimit,
    copy_body,
    raise_for_failure,
)
from cozysync.remotes.nextcloud_shares import NextcloudShares, ocs_place
from cozysync.remotes.nextcloud_trash import NextcloudTrash, trash_place
from cozysync.remotes.nextcloud_versions import NextcloudVersions, versions_root
from cozysync.remotes.webdav_base import (
    _TEMP_PREFIX,
    PROBE_MAX_AGE_S,
    _has_temp,
    is_temp_name,
)
from cozysync.remotes.webdav_open import FilesAppOpener, server_of
from cozysync.remotes.webdav_quota import QUOTA_PROPFIND_BODY as QUOTA_BODY
from cozysync.remotes.webdav_quota import parse_quota
from cozysync.remotes.webdav_upload import WebDavUploads
from cozysync.remotes.webdav_xml import (
    normalize_etag,
    parse_checksums,
    parse_http_date,
)

__all__ = ["PROBE_MAX_AGE_S", "WebDavRemote", "is_temp_name"]


class WebDavRemote(WebDavUploads):
    """A WebDAV collection as the sync's remote tree: plumbing in ``webdav_base``, the
    capability probes in ``webdav_probe``, uploads in ``webdav_upload``; listing,
    downloads and tree changes here."""

    @property
    def features(self) -> RemoteFeatures:
        """It keeps its probes, uploads through temps, reports the names it skips, asks
        the server for the account's quota (RFC 4331), confirms a stage's uploads with one
        listing a folder and tells an unchanged listing from its MD5."""
        return RemoteFeatures(
            probe_cache=self,
            server_temps=self,
            abandoned_temps=self,
            skipped_items=self,
            quota=self,
            confirms_uploads=self,
            unchanged_listing=self,
            sharing=self._ocs_shares(),
            server_trash=self._trash_bin(),
            open_online=self._files_app(),
            versions=self._versions_app(),
        )

    def _versions_app(self) -> NextcloudVersions | None:
        """A Nextcloud's versions (its address names the DAV user: issue 18); a plain
        WebDAV server keeps none."""
        root = versions_root(self._base_url)
        if root is None:
            return None
        return NextcloudVersions(root, self._client, self._auth, self._clock, self.stat)

    def _trash_bin(self) -> NextcloudTrash | None:
        """A Nextcloud's trash bin (its address names the DAV user: issue 18); a plain
        WebDAV server keeps no trash cozysync can read."""
        place = trash_place(self._base_url)
        if place is None:
            return None
        return NextcloudTrash(
            place, self._client, self._auth, self._clock, stat=self.stat, mkdir=self.mkdir,
            move=lambda src, dst: self.move(src, dst, expected=None),
        )  # fmt: skip

    def _files_app(self) -> FilesAppOpener | None:
        """Nextcloud's and ownCloud's Files app, where a WebDAV address is theirs."""
        server = server_of(self._base_url)
        return None if server is None else FilesAppOpener(self.stat, server)

    def _ocs_shares(self) -> NextcloudShares | None:
        """A Nextcloud or ownCloud (its address holds ``/remote.php/``) shares through
        its OCS API (issue 17); another WebDAV server cannot share."""
        place = ocs_place(self._base_url)
        if place is None:
            return None
        return NextcloudShares(*place, self._client, self._auth, self._clock)

    def storage_quota(self) -> StorageQuota | None:
        """RFC 4331's quota of the synced root (``webdav_quota``)."""
        headers = {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"}
        response = self._send("PROPFIND", "", is_dir=True, headers=headers, content=QUOTA_BODY)
        with closing(response):
            if response.status_code >= 400:  # a refused login, an unreachable root: said
                raise_for_failure(response, host=self._host, path="")
            return parse_quota(response.content) if response.status_code == 207 else None

    @property
    def skipped_items(self) -> tuple[SkippedItem, ...]:
        """The names the last listing left out (``/`` or NUL, not UTF-8), typed."""
        return tuple(SkippedItem(path, SkipKind.BAD_NAME, why) for path, why in self.skipped)

    def list_tree(self) -> list[RemoteState]:
        return self.list_below("")

    def list_tree_unless(self, token: str | None) -> list[RemoteState] | None:
        """``list_tree``, or None if the server's answer is byte for byte the one whose
        ``listing_token`` is ``token`` (``TellsUnchangedListing``): then it is not parsed."""
        items, skipped = self._walk("", unless=token)
        if items is None:
            return None
        return self._listed(items, skipped)

    def list_below(self, path: str) -> list[RemoteState]:
        items, skipped = self._walk(path)
        assert items is not None  # only ``unless`` gives None
        return self._listed(items, skipped)

    def _listed(
        self, items: list[RemoteState], skipped: list[tuple[str, str]]
    ) -> list[RemoteState]:
        self.skipped = skipped
        counts = Counter(parent_of(item.path) for item in items)
        with self._lock:
            self._child_counts.update(counts)
        return [item for item in items if not _has_temp(item.path)]

    def _walk(
        self, top: str, *, unless: str | None = None
    ) -> tuple[list[RemoteState] | None, list[tuple[str, str]]]:
        self.listing_token = None
        if self._depth_infinity is not False:
            try:
                listing = self._propfind(top, "infinity", is_dir=True, unless=unless)
            except (AccessRefusedError, PreconditionFailedError):
                if self._depth_infinity and not self._depth_from_record:
                    raise
                self._depth_infinity = False  # Apache 403, ownCloud 412: walk instead
                self._caps = dataclasses.replace(self._caps, depth_infinity=False)
            else:
                self._depth_infinity = True
                if listing.unchanged:
                    return None, []  # the answer the last in-sync pass read, unparsed
                return self._below(top, listing.items, direct=False), listing.skipped
        return self._walk_breadth_first(top)

    def _walk_breadth_first(self, top: str) -> tuple[list[RemoteState], list[tuple[str, str]]]:
        items: list[RemoteState] = []
        skipped: list[tuple[str, str]] = []
        queue = deque([top])
        while queue:
            folder = queue.popleft()
            listing = self._propfind(folder, "1", is_dir=True)
            children = self._below(folder, listing.items, direct=True)
            skipped.extend(listing.skipped)
            items.extend(children)
            queue.extend(c.path for c in children if c.is_dir and not _has_temp(c.path))
        return items, skipped

    def _below(self, top: str, items: list[RemoteState], *, direct: bool) -> list[RemoteState]:
        """``items`` minus ``top`` itself, checking that ``top`` is a folder and that
        every other item lies below it (directly when ``direct``)."""
        if not any(item.path == top and item.is_dir for item in items):
            raise RemoteItemMissingError(f"{top!r} is not a folder on the server", path=top)
        below = [item for item in items if item.path != top]
        for item in below:
            inside = parent_of(item.path) == top if direct else is_same_or_under(item.path, top)
            if not inside:
                raise ProtocolError(
                    "the server sent a listing cozysync cannot read",
                    hint=f"It listed {item.path!r} inside {top!r}.",
                    path=top,
                )
        return below

    def download(
        self, path: str, sink: BinaryIO, *, expected: RemoteState | None, progress: Progress | None
    ) -> RemoteState:
        pinned = expected.etag if expected is not None else None
        response = self._conditional(
            "GET", path, pinned, stream=True, headers={"Accept-Encoding": "identity"}
        )
        with closing(response):
            self._expect(response, path, {200})
            got_etag = normalize_etag(response.headers.get("ETag"))
            if pinned and got_etag and got_etag != pinned:
                raise PreconditionFailedError(f"{path!r} changed on the server", path=path)
            announced = response.headers.get("Content-Length")  # gone if inflated here
            limit = expected.size if expected is not None else _length(announced)
            written, md5 = self._copy_body(response, sink, path, progress, limit)
        if announced is not None and int(announced) != written:
            raise IntegrityError(
                f"{path!r} arrived incomplete ({written} of {announced} bytes)", path=path
            )
        if pinned and expected is not None and expected.size != written:
            raise IntegrityError(
                f"{path!r} has {written} bytes, {expected.size} expected", path=path
            )
        checksum = parse_checksums(response.headers.get("OC-Checksum", "").replace(",", " "))
        checksum = checksum or (expected.content_hash if pinned and expected else None)
        if checksum and checksum != md5:
            raise IntegrityError(f"{path!r} arrived damaged (MD5 mismatch)", path=path)
        if got_etag is None:
            return dataclasses.replace(self._required(path), size=written)
        return RemoteState(
            path=path,
            is_dir=False,
            size=written,
            etag=got_etag,
            mtime=parse_http_date(response.headers.get("Last-Modified")),
            remote_id=response.headers.get("OC-FileId")
            or (expected.remote_id if expected else None),
            content_hash=checksum,
        )

    def _copy_body(
        self,
        response: httpx.Response,
        sink: BinaryIO,
        path: str,
        progress: Progress | None,
        limit: int | None,
    ) -> tuple[int, str]:
        try:
            return copy_body(response, sink, progress, limit=limit)
        except BodyOverLimit as exc:
            raise IntegrityError(
                f"the server sent more than the {exc.limit} bytes it announced for "
                f"{path!r}; nothing was written",
                path=path,
            ) from exc
        except httpx.HTTPError as exc:
            raise_for_failure(exc, host=self._host, path=path)
        except OSError as exc:
            kind = DiskFullError if exc.errno == errno.ENOSPC else LocalPermissionError
            raise kind(f"cannot write the download of {path!r}: {exc.strerror}", path=path) from exc

    def mkdir(self, path: str) -> RemoteState:
        response = self._send("MKCOL", path, is_dir=True)
        response.close()
        if response.status_code in (400, 405):  # 405: taken; Apache: 400 if a file has it
            current = self.stat(path)
            if current is not None and current.is_dir:
                return current  # already there: fine
            if current is not None:
                raise PreconditionFailedError(f"a file named {path!r} is on the server", path=path)
        self._expect(response, path, {200, 201})
        return self._required(path)

    def move(self, src: str, dst: str, *, expected: RemoteState | None) -> RemoteState:
        source = expected or self._required(src)
        if not self._destination_is_safe(dst):
            title = f"the server cannot rename items to {name_of(dst)!r} (it has '?' or ';')"
            raise NameNotAllowedError(title, path=dst)
        headers = {"Destination": self._url(dst, is_dir=source.is_dir), "Overwrite": "F"}
        if source.is_dir:
            headers["Depth"] = "infinity"
        etag = expected.etag if expected is not None and not expected.is_dir else None
        response = self._conditional(
            "MOVE", src, etag, is_dir=source.is_dir, headers=headers, idempotent=False
        )
        if response.status_code == 412:
            response.close()
            if self.stat(dst) is not None:
                raise PreconditionFailedError(f"{dst!r} already exists on the server", path=dst)
            raise PreconditionFailedError(f"{src!r} changed on the server", path=src)
        self._expect(response, src, {201, 204, 207})
        self._check_multistatus(response, src)
        return self._required(dst)

    def delete(self, path: str, *, expected: RemoteState | None) -> None:
        target = expected or self.stat(path)
        if target is None:
            return  # already gone
        headers = {"Depth": "infinity"} if target.is_dir else {}
        etag = expected.etag if expected is not None and not expected.is_dir else None
        response = self._conditional("DELETE", path, etag, is_dir=target.is_dir, headers=headers)
        if response.status_code == 404:
            return
        self._expect(response, path, {200, 204, 207})
        self._check_multistatus(response, path)

    def take_abandoned_temps(self) -> set[str]:
        """The temps of uploads cut short (a pause, a lost connection) whose deletion
        was not confirmed: the server may still have been writing them.  Handed over
        once, to be deleted by ``delete_abandoned_temps`` at a later pass."""
        with self._lock:
            taken, self._abandoned_temps = self._abandoned_temps, set()
        return taken

    def delete_abandoned_temps(self, paths: Iterable[str]) -> set[str]:
        """Delete temps ``take_abandoned_temps`` gave (names of ours only, whatever
        their age: no upload of ours still writes them); returns those to try again
        (no answer, or a 5xx).  Gone already counts as deleted."""
        ours = [path for path in paths if is_temp_name(name_of(path))]  # never a user's file
        left: set[str] = set()
        for i, path in enumerate(ours):
            try:
                response = self._send("DELETE", path)
                response.close()
            except CozySyncError:
                return left | set(ours[i:])  # offline, most likely: all of them next time
            if response.status_code >= 500:
                left.add(path)  # a refusal (4xx) is left to cleanup_temp_files
        return left

    def cleanup_temp_files(self, older_than_seconds: float) -> int:
        """Delete our temps left by an interrupted run; returns how many were removed."""
        cutoff = self._clock.now() - older_than_seconds
        items, _ = self._walk("")
        assert items is not None  # only ``unless`` gives None
        stale = [
            i
            for i in items
            if is_temp_name(name_of(i.path))
            and not _has_temp(parent_of(i.path))
            and _temp_age_reference(i) < cutoff
        ]
        for item in stale:
            self._delete_quietly(item.path, is_dir=item.is_dir)
        return len(stale)


def _length(header: str | None) -> int | None:
    return int(header) if header is not None and header.strip().isdigit() else None


def _temp_age_reference(item: RemoteState) -> float:
    """When an upload temp was started: from its name, else its mtime (older names)."""
    stamp = name_of(item.path)[len(_TEMP_PREFIX) :].split("-", 1)[0]
    if stamp.isdigit() and len(stamp) >= 9:
        return float(stamp)
    return float(item.mtime) if item.mtime is not None else 0.0
