"""``WebDavRemote``: the ``Remote`` port on any RFC 4918 server (WsgiDAV, Apache, Nextcloud).

Uploads go to a hidden temp file (``.cozysync-<uuid>.tmp``) in the target's folder and
are then MOVEd onto the target, so a partial file never appears under the real name.
Listings are complete or raise.  See docs in ``shared/design/webdav-protocol.md``.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import logging
import math
import threading
import uuid
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from typing import BinaryIO
from urllib.parse import quote, unquote, urlsplit

import httpx

from cozysync.clock import SystemClock
from cozysync.errors import (
    ConfigError,
    CozySyncError,
    DiskFullError,
    IntegrityError,
    ItemChangedError,
    LocalPermissionError,
    NameNotAllowedError,
    OfflineError,
    PreconditionFailedError,
    ProtocolError,
    RemoteItemMissingError,
    ServerError,
    SyncError,
)
from cozysync.models import RemoteCapabilities, RemoteState
from cozysync.paths import is_same_or_under, join, name_of, parent_of
from cozysync.ports import Clock, Progress
from cozysync.remotes.http import (
    AccessRefusedError,
    SourceSizeMismatch,
    build_client,
    copy_body,
    exact_body,
    raise_for_failure,
    send_with_retries,
)
from cozysync.remotes.webdav_xml import (
    PROPFIND_BODY,
    PROPFIND_DAV_BODY,
    Listing,
    normalize_etag,
    parse_checksums,
    parse_http_date,
    parse_multistatus,
    parse_status_failures,
)

__all__ = ["WebDavRemote", "is_temp_name"]

log = logging.getLogger(__name__)

_TEMP_PREFIX, _TEMP_SUFFIX = ".cozysync-", ".tmp"
_LIST_MIN_FILES = 2  # uploads into one folder from which a Depth 1 listing confirms them
_LIST_MAX_RATIO = 16  # ... unless the folder holds more than this many items per upload
_PROBE_MTIME = 1_000_000_000  # 2001-09-09, unlikely to be "now"
_PROBE_RECORD_VERSION = 2  # 2: atomic_put
# Apache mod_dav_fs names its property set in its DAV header; it writes a PUT's body to a
# hidden temp (.davfs.tmp*) and renames it over the target only once it is complete.
_ATOMIC_PUT_MARK = "<http://apache.org/dav/propset/fs/1>"
PROBE_MAX_AGE_S = 7 * 24 * 3600.0  # a saved probe record is trusted this long


def is_temp_name(name: str) -> bool:
    """True for our own upload temps and probe folders (never listed, never synced)."""
    return name.startswith(_TEMP_PREFIX) and name.endswith(_TEMP_SUFFIX)


def _has_temp(path: str) -> bool:
    return any(is_temp_name(seg) for seg in path.split("/"))


class WebDavRemote:
    """A WebDAV collection as the sync's remote tree."""

    def __init__(
        self,
        base_url: str,
        user: str | None,
        password: str | None,
        *,
        clock: Clock | None = None,
        client: httpx.Client | None = None,
        timeout: float = 60.0,
        read_only: bool = False,
    ) -> None:
        """``read_only``: never write to the server, not even the capability probes
        (a download-only folder)."""
        split = urlsplit(base_url.rstrip("/") + "/")
        if split.username is not None and user is None:  # https://user:secret@host/...
            user, password = unquote(split.username), unquote(split.password or "")
        netloc = split.netloc.rpartition("@")[2]  # never keep credentials in the URL
        self._base_url = split._replace(netloc=netloc, query="", fragment="").geturl()
        self._base_path = split.path
        self._host = split.hostname or netloc
        self._auth = httpx.BasicAuth(user, password or "") if user is not None else None
        self._own_client = client is None
        self._client = client or build_client(timeout=timeout, url=self._base_url)
        self._clock: Clock = clock or SystemClock()
        self._caps = RemoteCapabilities(if_match=True)
        self._depth_infinity: bool | None = None  # None: not probed yet
        self._cuts_destination: bool | None = None  # None: not probed yet
        self._atomic_put = False  # a PUT never shows a partial file (mod_dav_fs)
        self.skipped: list[tuple[str, str]] = []  # (path, reason) left out of the last listing
        self._read_only = read_only
        self._lock = threading.Lock()
        self._unconfirmed: dict[str, _Sent] = {}  # path → what upload_unconfirmed sent
        self._child_counts: dict[str, int] = {}  # folder → items in it, from the last listing
        self._propfind_body = PROPFIND_BODY  # DAV-only once the server shows no oc: props
        self._probed_at: float | None = None  # when the capability probes ran (or were)
        self._depth_from_record = False  # Depth infinity known from a saved probe record

    @property
    def capabilities(self) -> RemoteCapabilities:
        return self._caps

    # --- plumbing ---------------------------------------------------------------------

    def _url(self, path: str, *, is_dir: bool = False) -> str:
        if not path:
            return self._base_url
        encoded = "/".join(quote(seg, safe="") for seg in path.split("/"))
        return self._base_url + encoded + ("/" if is_dir else "")

    def _send(
        self,
        method: str,
        path: str,
        *,
        is_dir: bool = False,
        headers: dict[str, str] | None = None,
        content: bytes | Callable[[], Iterator[bytes]] | None = None,
        idempotent: bool = True,
        stream: bool = False,
        error_path: str | None = None,
    ) -> httpx.Response:
        """Send with retries; transport failures raised as cozysync errors."""

        def send() -> httpx.Response:
            body = content() if callable(content) else content
            request = self._client.build_request(
                method, self._url(path, is_dir=is_dir), headers=headers, content=body
            )
            return self._client.send(
                request, auth=self._auth or httpx.USE_CLIENT_DEFAULT, stream=stream
            )

        try:
            return send_with_retries(send, clock=self._clock, idempotent=idempotent)
        except httpx.HTTPError as exc:
            raise_for_failure(exc, host=self._host, path=error_path or path)

    def _expect(self, response: httpx.Response, path: str, ok: set[int]) -> httpx.Response:
        if response.status_code not in ok:
            response.close()
            raise_for_failure(response, host=self._host, path=path)
        return response

    def _check_multistatus(self, response: httpx.Response, path: str) -> None:
        if response.status_code != 207:
            return
        failures = parse_status_failures(response.content, self._base_path)
        if failures:
            item, status = failures[0]
            raise ServerError(f"the server could not change {item!r} (HTTP {status})", path=path)

    def _propfind(self, path: str, depth: str, *, is_dir: bool = False) -> Listing:
        headers = {"Depth": depth, "Content-Type": "application/xml; charset=utf-8"}
        listing = self._streamed_listing(path, headers, is_dir=is_dir, tries=2)
        if listing.failures:
            item, status = listing.failures[0]
            raise ServerError(f"the server could not list {item!r} (HTTP {status})", path=item)
        return listing

    def _streamed_listing(
        self, path: str, headers: dict[str, str], *, is_dir: bool, tries: int
    ) -> Listing:
        """The answer is parsed as it arrives (memory holds the items, not the whole
        answer); a connection lost in the middle of it is tried again once."""
        response = self._send(
            "PROPFIND",
            path,
            is_dir=is_dir,
            headers=headers,
            content=self._propfind_body,
            stream=True,
        )
        with closing(response):
            self._expect(response, path, {207})
            try:
                return parse_multistatus(response.iter_bytes(), self._base_path)
            except httpx.TransportError as exc:
                if tries > 1:
                    log.info("listing %r cut short (%s): asking again", path, exc)
                else:
                    raise_for_failure(exc, host=self._host, path=path)
        return self._streamed_listing(path, headers, is_dir=is_dir, tries=tries - 1)

    def _required(self, path: str) -> RemoteState:
        state = self.stat(path)
        if state is None:
            raise RemoteItemMissingError(f"{path!r} is not on the server", path=path)
        return state

    def _conditional(
        self,
        method: str,
        path: str,
        etag: str | None,
        *,
        headers: dict[str, str],
        is_dir: bool = False,
        stream: bool = False,
        idempotent: bool = True,
    ) -> httpx.Response:
        """Send with ``If-Match: etag``.  Apache calls a file changed less than a second
        ago weak and fails a strong If-Match: on 412 re-check, and resend unconditionally
        only if the item still has that ETag."""
        conditional = {**headers, "If-Match": f'"{etag}"'} if etag else headers
        response = self._send(
            method, path, headers=conditional, is_dir=is_dir, stream=stream, idempotent=idempotent
        )
        if response.status_code == 412 and etag and self._still(path, etag):
            response.close()
            response = self._send(
                method, path, headers=headers, is_dir=is_dir, stream=stream, idempotent=idempotent
            )
        return response

    # --- probing ----------------------------------------------------------------------

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
                    f"{self._base_url} redirects to {where}",
                    hint="Link the folder again with the address it redirects to.",
                )
            self._expect(response, "", {200, 204})
            classes = {c.strip() for c in response.headers.get("DAV", "").split(",")}
            if "1" not in classes:
                raise ConfigError(f"{self._base_url} is not a WebDAV folder (no DAV header)")
            self._atomic_put = _ATOMIC_PUT_MARK in classes
        except RemoteItemMissingError as exc:
            raise ConfigError(f"the folder {self._base_url} is not on the server") from exc
        self._check_by_propfind()

    def _check_by_propfind(self) -> None:
        try:
            root = self._propfind("", "0", is_dir=True)
        except RemoteItemMissingError as exc:
            raise ConfigError(f"the folder {self._base_url} is not on the server") from exc
        if not any(item.path == "" and item.is_dir for item in root.items):
            raise ConfigError(f"{self._base_url} is not a WebDAV folder")
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
            self._delete_quietly(folder, is_dir=True)

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

    # --- listing ----------------------------------------------------------------------

    def stat(self, path: str) -> RemoteState | None:
        try:
            listing = self._propfind(path, "0")
        except RemoteItemMissingError:
            return None
        for item in listing.items:
            if item.path == path:
                return item
        if listing.skipped:
            return None
        raise ProtocolError(
            "the server sent a listing cozysync cannot read",
            hint=f"It did not describe {path!r}.",
            path=path,
        )

    def list_tree(self) -> list[RemoteState]:
        return self.list_below("")

    def list_below(self, path: str) -> list[RemoteState]:
        items, skipped = self._walk(path)
        self.skipped = skipped
        counts = Counter(parent_of(item.path) for item in items)
        with self._lock:
            self._child_counts.update(counts)
        return [item for item in items if not _has_temp(item.path)]

    def _walk(self, top: str) -> tuple[list[RemoteState], list[tuple[str, str]]]:
        if self._depth_infinity is not False:
            try:
                listing = self._propfind(top, "infinity", is_dir=True)
            except (AccessRefusedError, PreconditionFailedError):
                if self._depth_infinity and not self._depth_from_record:
                    raise
                self._depth_infinity = False  # Apache 403, ownCloud 412: walk instead
                self._caps = dataclasses.replace(self._caps, depth_infinity=False)
            else:
                self._depth_infinity = True
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

    # --- transfers --------------------------------------------------------------------

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
            written, md5 = self._copy_body(response, sink, path, progress)
        announced = response.headers.get("Content-Length")
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
        self, response: httpx.Response, sink: BinaryIO, path: str, progress: Progress | None
    ) -> tuple[int, str]:
        try:
            return copy_body(response, sink, progress)
        except httpx.HTTPError as exc:
            raise_for_failure(exc, host=self._host, path=path)
        except OSError as exc:
            kind = DiskFullError if exc.errno == errno.ENOSPC else LocalPermissionError
            raise kind(f"cannot write the download of {path!r}: {exc.strerror}", path=path) from exc

    def upload(
        self,
        path: str,
        open_source: Callable[[], BinaryIO],
        size: int,
        *,
        replace: RemoteState | None,
        mtime: int | None,
        content_hash: str | None,
        progress: Progress | None,
    ) -> RemoteState:
        self._send_file(path, open_source, size, replace, mtime, content_hash, progress)
        return self._required(path)

    def upload_unconfirmed(
        self,
        path: str,
        open_source: Callable[[], BinaryIO],
        size: int,
        *,
        replace: RemoteState | None,
        mtime: int | None,
        content_hash: str | None,
        progress: Progress | None,
    ) -> RemoteState:
        """Upload without reading the new version back (``confirm_uploads`` does, for a
        whole batch at once): the state returned has no ETag."""
        served_at = self._send_file(path, open_source, size, replace, mtime, content_hash, progress)
        with self._lock:
            self._unconfirmed[path] = _Sent(size=size, mtime=mtime, served_at=served_at)
        return RemoteState(path=path, is_dir=False, size=size, etag=None, mtime=mtime)

    def confirm_uploads(self, paths: Iterable[str]) -> dict[str, RemoteState]:
        """One ``PROPFIND Depth: 1`` per folder that received several uploads (a file
        alone in its folder, or in a large folder, gets a ``Depth: 0``).  A listed file is
        taken as ours only if it has the size sent and was not modified after the
        server answered the upload (by the server's own clock, from its Date header)."""
        with self._lock:
            sent = {p: self._unconfirmed.pop(p) for p in paths if p in self._unconfirmed}
        by_folder: dict[str, list[str]] = defaultdict(list)
        for path in sent:
            by_folder[parent_of(path)].append(path)
        confirmed: dict[str, RemoteState] = {}
        for folder, members in by_folder.items():
            try:
                listed = self._states_in(folder, members)
            except CozySyncError as exc:
                log.info("could not confirm %d uploads in %r: %s", len(members), folder, exc)
                continue
            for path in members:
                state = listed.get(path)
                if state is not None and sent[path].is_version(state):
                    confirmed[path] = state
        return confirmed

    def _states_in(self, folder: str, members: list[str]) -> dict[str, RemoteState]:
        known = self._child_counts.get(folder, 0)
        if len(members) >= _LIST_MIN_FILES and known <= len(members) * _LIST_MAX_RATIO:
            listing = self._propfind(folder, "1", is_dir=True)
            return {item.path: item for item in listing.items}
        states = {path: self.stat(path) for path in members}
        return {path: state for path, state in states.items() if state is not None}

    def _send_file(
        self,
        path: str,
        open_source: Callable[[], BinaryIO],
        size: int,
        replace: RemoteState | None,
        mtime: int | None,
        content_hash: str | None,
        progress: Progress | None,
    ) -> int | None:
        """Put the bytes at ``path``; returns the server's time of the final answer."""
        extra = {"X-OC-Mtime": str(mtime)} if mtime is not None else {}
        if content_hash:
            extra["OC-Checksum"] = f"MD5:{content_hash}"
        if (replace is None and self._atomic_put) or not self._destination_is_safe(path):
            # a new file on a server whose PUT is atomic: one request, If-None-Match: *
            return self._put_in_place(path, open_source, size, replace, extra, progress)
        temp = join(parent_of(path), _upload_temp_name(self._clock.now()))
        try:
            self._expect(
                self._put(temp, path, open_source, size, extra, progress), path, {200, 201, 204}
            )
            return self._commit_temp(temp, path, replace, extra, size)
        except BaseException:
            self._delete_quietly(temp)
            raise

    def _put(
        self,
        target: str,
        path: str,
        open_source: Callable[[], BinaryIO],
        size: int,
        extra: dict[str, str],
        progress: Progress | None,
    ) -> httpx.Response:
        """Stream exactly ``size`` bytes of the source to ``target`` (a fresh read per try)."""
        headers = {**extra, "Content-Length": str(size), "Content-Type": "application/octet-stream"}
        try:
            return self._send(
                "PUT",
                target,
                headers=headers,
                error_path=path,
                content=lambda: exact_body(open_source, size, progress),
            )
        except SourceSizeMismatch as exc:
            raise ItemChangedError(f"{path!r} changed while it was being sent", path=path) from exc
        except OSError as exc:
            title = f"{path!r} could not be read: {exc.strerror}"
            raise ItemChangedError(title, path=path) from exc

    def _put_in_place(
        self,
        path: str,
        open_source: Callable[[], BinaryIO],
        size: int,
        replace: RemoteState | None,
        extra: dict[str, str],
        progress: Progress | None,
    ) -> int | None:
        """Conditional PUT on the target itself: for names a MOVE cannot reach, and for new
        files on a server that writes a PUT atomically.  The time returned is the server's
        Date plus the request's duration: Apache dates its answer when the request
        started, and the file may be dated when its body was complete."""
        headers = dict(extra)
        if replace is None:
            headers["If-None-Match"] = "*"
        elif replace.etag:
            headers["If-Match"] = f'"{replace.etag}"'
        else:
            self._check_unchanged(path, replace)
        started = self._clock.monotonic()
        response = self._put(path, path, open_source, size, headers, progress)
        if response.status_code == 412 and replace is None:
            raise PreconditionFailedError(f"{path!r} already exists on the server", path=path)
        self._expect(response, path, {200, 201, 204})
        served_at = parse_http_date(response.headers.get("Date"))
        if served_at is None:
            return None
        return served_at + math.ceil(self._clock.monotonic() - started)

    def _check_unchanged(self, path: str, seen: RemoteState) -> None:
        current = self.stat(path)
        if current is None or not _same_version(current, seen):
            raise PreconditionFailedError(f"{path!r} changed on the server", path=path)

    def _destination_is_safe(self, path: str) -> bool:
        """False if ``path`` has a ``?``/``;`` that this server's MOVE cuts off (WsgiDAV
        unquotes ``Destination`` before splitting it as a URL: ``a?b`` lands on ``a``)."""
        if not any(c in path for c in "?;"):
            return True
        if self._cuts_destination is None:
            with self._probe_folder() as folder:
                self._cuts_destination = self._probe_destination(folder)
        return not self._cuts_destination

    def _commit_temp(
        self,
        temp: str,
        path: str,
        replace: RemoteState | None,
        extra: dict[str, str],
        size: int,
    ) -> int | None:
        headers = {**extra, "Destination": self._url(path), "Overwrite": "F"}
        if replace is not None:
            self._check_unchanged(path, replace)
            headers["Overwrite"] = "T"
        tagged = replace.etag if replace is not None else None
        if tagged:
            headers["If"] = f'<{self._url(path)}> (["{tagged}"])'
        response = self._move_temp(temp, path, headers, size)
        if response is None:
            return None  # the answer was lost, but the file is in place
        if response.status_code == 412 and tagged and self._still(path, tagged):
            del headers["If"]  # Apache: weak ETag of a file changed < 1 s ago
            response = self._send("MOVE", temp, headers=headers, idempotent=False, error_path=path)
        if response.status_code == 412 and replace is None:
            raise PreconditionFailedError(f"{path!r} already exists on the server", path=path)
        self._expect(response, path, {201, 204, 207})
        self._check_multistatus(response, path)
        return parse_http_date(response.headers.get("Date"))

    def _move_temp(
        self, temp: str, path: str, headers: dict[str, str], size: int
    ) -> httpx.Response | None:
        """MOVE the uploaded temp onto ``path``.  A connection lost before the answer (a
        kept-alive connection the server had closed, a reset) leaves it unknown whether
        the server moved it: the temp still there means it did not, and the MOVE is sent
        once more; the temp gone and a file of our size at ``path`` means it did (None)."""
        try:
            return self._send("MOVE", temp, headers=headers, idempotent=False, error_path=path)
        except (OfflineError, ServerError) as lost:  # transport only: answers are returned
            log.info("the answer to MOVE %r was lost (%s): checking the server", path, lost)
            if self.stat(temp) is not None:
                return self._send("MOVE", temp, headers=headers, idempotent=False, error_path=path)
            landed = self.stat(path)
            if landed is not None and not landed.is_dir and landed.size == size:
                return None
            raise

    def _still(self, path: str, etag: str) -> bool:
        current = self.stat(path)
        return current is not None and current.etag == etag

    # --- tree changes -----------------------------------------------------------------

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

    def _delete_quietly(self, path: str, *, is_dir: bool = False) -> None:
        try:
            headers = {"Depth": "infinity"} if is_dir else {}
            self._send("DELETE", path, is_dir=is_dir, headers=headers).close()
        except Exception:  # best effort; cleanup_temp_files retries later
            pass

    def cleanup_temp_files(self, older_than_seconds: float) -> int:
        """Delete our temps left by an interrupted run; returns how many were removed."""
        cutoff = self._clock.now() - older_than_seconds
        items, _ = self._walk("")
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

    def close(self) -> None:
        if self._own_client:
            self._client.close()


@dataclasses.dataclass(frozen=True, slots=True)
class _Sent:
    """What ``upload_unconfirmed`` put on the server, to recognise it in a listing."""

    size: int
    mtime: int | None  # the X-OC-Mtime sent
    served_at: int | None  # the server's Date when it answered the upload

    def is_version(self, state: RemoteState) -> bool:
        if state.is_dir or state.size != self.size:
            return False
        if state.mtime is None or self.served_at is None or state.mtime == self.mtime:
            return True
        return state.mtime <= self.served_at + 1  # not modified after our upload


def _upload_temp_name(now: float) -> str:
    """``.cozysync-<start time>-<uuid>.tmp``: the start time in the name, because the
    temp's mtime is the file's own (sent with X-OC-Mtime), which may be years old while
    the upload is still running."""
    return f"{_TEMP_PREFIX}{int(now)}-{uuid.uuid4().hex}{_TEMP_SUFFIX}"


def _temp_age_reference(item: RemoteState) -> float:
    """When an upload temp was started: from its name, else its mtime (older names)."""
    stamp = name_of(item.path)[len(_TEMP_PREFIX) :].split("-", 1)[0]
    if stamp.isdigit() and len(stamp) >= 9:
        return float(stamp)
    return float(item.mtime) if item.mtime is not None else 0.0


def _same_version(current: RemoteState, seen: RemoteState) -> bool:
    if current.is_dir:
        return False
    if seen.etag and current.etag:
        return current.etag == seen.etag
    return (current.size, current.mtime) == (seen.size, seen.mtime)
