"""Uploads to a WebDAV server: the bytes to a hidden temp, checked (*upload
verification*: the server holds all of them), then a MOVE onto the target (one
conditional PUT where the server's PUT is atomic, checked once it landed), a lost answer
checked on the server, and the new versions confirmed a folder at a time."""

from __future__ import annotations

import dataclasses
import logging
import math
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import BinaryIO

import httpx

from cozysync.errors import (
    CozySyncError,
    IntegrityError,
    ItemChangedError,
    OfflineError,
    PreconditionFailedError,
    RemoteItemMissingError,
    ServerError,
    StoppedError,
)
from cozysync.models import RemoteState
from cozysync.paths import join, parent_of
from cozysync.ports import Progress
from cozysync.remotes.http import (
    SourceSizeMismatch,
    exact_body,
)
from cozysync.remotes.webdav_base import (
    _LIST_MAX_RATIO,
    _LIST_MIN_FILES,
    _TEMP_PREFIX,
    _TEMP_SUFFIX,
    _Sent,
)
from cozysync.remotes.webdav_probe import WebDavProbing
from cozysync.remotes.webdav_xml import (
    parse_http_date,
)

__all__ = ["WebDavUploads"]

log = logging.getLogger(__name__)

_RESENT_HINT = (
    "If this keeps happening, something between this computer and the server (a proxy, "
    "the server's disk) is losing uploads or cutting them short."
)


# Answers to a PUT that refuse it before its body is stored (authentication, permission,
# method, missing folder, precondition, size, type, lock): its temp was never made, so it
# is not deleted. A 5xx or a lost answer may leave part of it, and so may a 507 (a disk
# that filled up while the body was written): those temps are still deleted.
_STORES_NOTHING = frozenset({401, 403, 405, 409, 412, 413, 415, 423})


@dataclasses.dataclass(frozen=True, slots=True)
class _Landed:
    """How an upload's bytes reached their name."""

    served_at: int | None  # the server's time of the final answer
    put_status: int  # the PUT's answer (201, 204...)
    verified: bool  # True: checked in the temp before the MOVE; False: one PUT in place


class WebDavUploads(WebDavProbing):
    """The uploads of ``WebDavRemote``."""

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
        landed = self._send_file(path, open_source, size, replace, mtime, content_hash, progress)
        state = self.stat(path)  # for the new ETag: the one request an upload reads back
        if not landed.verified:
            self._check_in_place(path, state, size, content_hash, landed.put_status)
        if state is None:
            raise RemoteItemMissingError(f"{path!r} is not on the server", path=path)
        if _damage(path, state, size, content_hash, landed.put_status) is not None:
            # our checked bytes were there before the MOVE: another client's since
            title = f"{path!r} changed on the server right after it was sent"
            raise PreconditionFailedError(title, path=path)
        return state

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
        landed = self._send_file(path, open_source, size, replace, mtime, content_hash, progress)
        with self._lock:
            self._unconfirmed[path] = _Sent(size=size, mtime=mtime, served_at=landed.served_at)
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
    ) -> _Landed:
        """Put the bytes at ``path``.  Through a temp, the temp is checked before the
        MOVE (*upload verification*: one ``PROPFIND Depth: 0``), so that bytes the server
        did not all store never reach the name; the temp is deleted and the upload fails
        (``IntegrityError``), the next pass sends it again.  One PUT in place is checked
        by the caller, once it landed."""
        extra = {"X-OC-Mtime": str(mtime)} if mtime is not None else {}
        if content_hash:
            extra["OC-Checksum"] = f"MD5:{content_hash}"
        if (replace is None and self._atomic_put) or not self._destination_is_safe(path):
            # a new file on a server whose PUT is atomic: one request, If-None-Match: *
            return self._put_in_place(path, open_source, size, replace, extra, progress)
        temp = join(parent_of(path), _upload_temp_name(self._clock.now()))
        refused = False  # the PUT was refused before anything was stored: no temp made
        try:
            put = self._put(temp, path, open_source, size, extra, progress)
            refused = put.status_code in _STORES_NOTHING
            self._expect(put, path, {200, 201, 204})
            damage = _damage(path, self.stat(temp), size, content_hash, put.status_code)
            if damage is not None:
                raise damage
            served_at = self._commit_temp(temp, path, replace, extra, size)
            return _Landed(served_at, put.status_code, verified=True)
        except BaseException as exc:
            if refused:
                raise  # one request per refused upload, not two (a read-only share)
            # a stop (Ctrl-C, quit) waits for no server: the next pass deletes the temp
            if isinstance(exc, StoppedError) or not self._delete_quietly(temp):
                with self._lock:  # uploads run on several threads
                    self._abandoned_temps.add(temp)
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
    ) -> _Landed:
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
        if served_at is not None:
            served_at += math.ceil(self._clock.monotonic() - started)
        return _Landed(served_at, response.status_code, verified=False)

    def _check_in_place(
        self,
        path: str,
        state: RemoteState | None,
        size: int,
        content_hash: str | None,
        put_status: int,
    ) -> None:
        """*Upload verification* of a PUT in place: the bytes the server holds at ``path``
        are checked once they landed.  A damaged version is deleted (only it: If-Match
        its ETag), so that no other device downloads it and the next pass sends the file
        again; then the upload fails."""
        damage = _damage(path, state, size, content_hash, put_status)
        if damage is None:
            return
        if state is not None and state.etag and not state.is_dir:
            try:
                self._conditional("DELETE", path, state.etag, headers={}).close()
            except CozySyncError as exc:
                log.info("could not delete the damaged upload %r: %s", path, exc)
        raise damage

    def _check_unchanged(self, path: str, seen: RemoteState) -> None:
        current = self.stat(path)
        if current is None or not _same_version(current, seen):
            raise PreconditionFailedError(f"{path!r} changed on the server", path=path)

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


def _upload_temp_name(now: float) -> str:
    """``.cozysync-<start time>-<uuid>.tmp``: the start time in the name, because the
    temp's mtime is the file's own (sent with X-OC-Mtime), which may be years old while
    the upload is still running."""
    return f"{_TEMP_PREFIX}{int(now)}-{uuid.uuid4().hex}{_TEMP_SUFFIX}"


def _damage(
    path: str, stored: RemoteState | None, size: int, content_hash: str | None, put_status: int
) -> IntegrityError | None:
    """What is wrong with ``stored``, the server's item holding the ``size`` bytes (of MD5
    ``content_hash``, when known) it answered ``put_status`` to; None if they are all there."""
    if stored is None or stored.is_dir:
        answered = f"it answered {put_status} but the file is not there"
        title = f"the server did not store {path!r} ({answered}); it will be sent again"
    elif stored.size != size:
        title = (
            f"the server stored {stored.size} of {size} bytes of {path!r}; it will be sent again"
        )
    elif content_hash and stored.content_hash and stored.content_hash != content_hash:
        title = f"the server stored other bytes for {path!r} (MD5 mismatch); it will be sent again"
    else:
        return None
    return IntegrityError(title, hint=_RESENT_HINT, path=path)


def _same_version(current: RemoteState, seen: RemoteState) -> bool:
    if current.is_dir:
        return False
    if seen.etag and current.etag:
        return current.etag == seen.etag
    return (current.size, current.mtime) == (seen.size, seen.mtime)
