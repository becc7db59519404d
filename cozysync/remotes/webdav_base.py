"""The plumbing every WebDAV request goes through: the connection, retries, error
mapping, PROPFIND, conditional requests; and the names of our temp files."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from urllib.parse import quote, unquote, urlsplit

import httpx

from cozysync.clock import SystemClock
from cozysync.config import ClientCertificate
from cozysync.errors import (
    ProtocolError,
    RemoteItemMissingError,
    ServerError,
)
from cozysync.models import RemoteCapabilities, RemoteState
from cozysync.ports import Clock
from cozysync.remotes.answer_guard import STREAMED, AnswerRefused
from cozysync.remotes.captive_portal import ChallengedBasicAuth
from cozysync.remotes.http import (
    build_client,
    raise_for_failure,
    send_with_retries,
)
from cozysync.remotes.webdav_xml import (
    PROPFIND_BODY,
    Listing,
    parse_multistatus,
    parse_status_failures,
)

__all__ = ["PROBE_MAX_AGE_S", "WebDavBase", "is_temp_name"]

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
# A whole-tree listing up to this size is read whole and fingerprinted (its MD5 is the
# ``listing_token``) before it is parsed; a larger one is parsed as it streams (memory).
LISTING_TOKEN_MAX = 16 * 1024 * 1024


def is_temp_name(name: str) -> bool:
    """True for our own upload temps and probe folders (never listed, never synced)."""
    return name.startswith(_TEMP_PREFIX) and name.endswith(_TEMP_SUFFIX)


def _has_temp(path: str) -> bool:
    return any(is_temp_name(seg) for seg in path.split("/"))


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


class WebDavBase:
    """A WebDAV collection reached over HTTP: state and plumbing shared by the probes,
    the uploads and the rest of ``WebDavRemote``."""

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
        client_cert: ClientCertificate | None = None,
    ) -> None:
        """``read_only``: never write to the server, not even the capability probes
        (a download-only folder).  ``client_cert``: shown to a server that asks."""
        split = urlsplit(base_url.rstrip("/") + "/")
        if split.username is not None and user is None:  # https://user:secret@host/...
            user, password = unquote(split.username), unquote(split.password or "")
        netloc = split.netloc.rpartition("@")[2]  # never keep credentials in the URL
        self._base_url = split._replace(netloc=netloc, query="", fragment="").geturl()
        self._base_path = split.path
        self._host = split.hostname or netloc
        # the password goes only to a server that asked for it (never to a Wi-Fi portal)
        self._auth = ChallengedBasicAuth(user, password or "") if user is not None else None
        self._own_client = client is None
        self._client = client or build_client(
            timeout=timeout, url=self._base_url, client_cert=client_cert
        )
        self._clock: Clock = clock or SystemClock()
        self._caps = RemoteCapabilities(if_match=True)
        self._depth_infinity: bool | None = None  # None: not probed yet
        self._cuts_destination: bool | None = None  # None: not probed yet
        self._atomic_put = False  # a PUT never shows a partial file (mod_dav_fs)
        self.skipped: list[tuple[str, str]] = []  # (path, reason) left out of the last listing
        self.listing_token: str | None = None  # the last whole-tree answer's MD5 (if kept)
        self._read_only = read_only
        self._lock = threading.Lock()
        self._unconfirmed: dict[str, _Sent] = {}  # path → what upload_unconfirmed sent
        self._abandoned_temps: set[str] = set()  # cut uploads' temps not known deleted
        self._child_counts: dict[str, int] = {}  # folder → items in it, from the last listing
        self._propfind_body = PROPFIND_BODY  # DAV-only once the server shows no oc: props
        self._probed_at: float | None = None  # when the capability probes ran (or were)
        self._depth_from_record = False  # Depth infinity known from a saved probe record

    @property
    def capabilities(self) -> RemoteCapabilities:
        return self._caps

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
        """Send with retries; transport failures raised as cozysync errors.  A streamed
        answer is capped by its reader (``answer_guard.STREAMED``)."""

        def send() -> httpx.Response:
            body = content() if callable(content) else content
            request = self._client.build_request(
                method,
                self._url(path, is_dir=is_dir),
                headers=headers,
                content=body,
                extensions=STREAMED if stream else None,
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

    def _propfind(
        self, path: str, depth: str, *, is_dir: bool = False, unless: str | None = None
    ) -> Listing:
        """A PROPFIND's items; raises for an item the server could not list.  With
        ``unless`` (a whole-tree listing): if the answer's MD5 is that token, an empty
        ``Listing`` with ``unchanged`` set, unparsed (see ``listing_token``)."""
        headers = {"Depth": depth, "Content-Type": "application/xml; charset=utf-8"}
        tokened = depth == "infinity" and not path
        listing = self._streamed_listing(
            path, headers, is_dir=is_dir, tries=2, tokened=tokened, unless=unless
        )
        if listing.failures:
            item, status = listing.failures[0]
            raise ServerError(f"the server could not list {item!r} (HTTP {status})", path=item)
        return listing

    def _streamed_listing(
        self,
        path: str,
        headers: dict[str, str],
        *,
        is_dir: bool,
        tries: int,
        tokened: bool = False,
        unless: str | None = None,
    ) -> Listing:
        """The answer is parsed as it arrives (memory holds the items, not the whole
        answer); a connection lost in the middle of it is tried again once.  ``tokened``:
        a whole-tree answer up to ``LISTING_TOKEN_MAX`` is read whole first and its MD5
        kept as ``listing_token``."""
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
                if tokened:
                    return self._tokened_listing(response, unless)
                return parse_multistatus(response.iter_bytes(), self._base_path)
            except httpx.TransportError as exc:
                if tries > 1 and not isinstance(exc, AnswerRefused):
                    log.info("listing %r cut short (%s): asking again", path, exc)
                else:
                    raise_for_failure(exc, host=self._host, path=path)
        return self._streamed_listing(
            path, headers, is_dir=is_dir, tries=tries - 1, tokened=tokened, unless=unless
        )

    def _tokened_listing(self, response: httpx.Response, unless: str | None) -> Listing:
        digest = hashlib.md5(usedforsecurity=False)
        head: list[bytes] = []
        size = 0
        chunks = response.iter_bytes()
        for chunk in chunks:
            digest.update(chunk)
            head.append(chunk)
            size += len(chunk)
            if size > LISTING_TOKEN_MAX:  # too large to hold: parsed as it streams
                return parse_multistatus(itertools.chain(head, chunks), self._base_path)
        token = digest.hexdigest()
        listing = (
            Listing(unchanged=True) if token == unless else parse_multistatus(head, self._base_path)
        )
        self.listing_token = token  # only for an answer that could be read
        return listing

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

    def _delete_quietly(self, path: str, *, is_dir: bool = False) -> bool:
        """Best effort (cleanup_temp_files retries later); True if the server said it
        deleted ``path`` (a 404 is not that: the request that makes it may still be
        on its way, on another connection)."""
        try:
            headers = {"Depth": "infinity"} if is_dir else {}
            response = self._send("DELETE", path, is_dir=is_dir, headers=headers)
            response.close()
            return response.status_code < 300
        except Exception:
            return False

    def close(self) -> None:
        if self._own_client:
            self._client.close()

    def _still(self, path: str, etag: str) -> bool:
        current = self.stat(path)
        return current is not None and current.etag == etag
