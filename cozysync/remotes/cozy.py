"""``CozyRemote``: the ``Remote`` port on a Cozy Stack's files API (brief
``cozy-protocol.md``; §N below are its sections).

- Items are tracked by ``_id`` (``remote_id``); the ETag is the CouchDB rev, sent back
  bare in ``If-Match`` on PUT, PATCH and DELETE (§3, §8.1); ``content_hash`` is the hex of
  the stack's base64 ``md5sum`` (§2).
- ``list_tree`` is the on-disk tree cache brought up to date by the changes feed
  (``cozy_changes``); ``stat`` and the writes ask the server directly.
- Uploads stream with ``Content-Length`` and ``Content-MD5``, so the stack refuses a body
  that is not the one announced (§3.1); a new file becomes visible only once its upload
  completed, so a partial file never appears under its name.  An overwrite is a PUT with
  ``If-Match`` on the known rev: a 412 is the conflict path, never an overwrite.
- Downloads read the doc first (rev + MD5), then stream and verify size and MD5.
- Deletion moves to the Cozy trash (§3 ``DELETE /files/:id``).
- Cozy Notes (``*.cozy-note``) are download-only (``is_note``).
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

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
    PreconditionFailedError,
    ProtocolError,
    RemoteItemMissingError,
    SyncError,
)
from cozysync.models import RemoteCapabilities, RemoteState
from cozysync.paths import NameRules, name_of, parent_of
from cozysync.phrases import phrase
from cozysync.ports import Clock, Progress, RemoteFeatures, Secrets, Stoppable
from cozysync.remotes.cozy_account import CozyAccountSide
from cozysync.remotes.cozy_auth import CozySession, TokenStore, json_body
from cozysync.remotes.cozy_changes import (
    PAGE_SIZE,
    ROOT_ID,
    CachedDoc,
    ChangesReader,
    TreeCache,
    doc_from_jsonapi,
    is_trashed,
    md5_hex,
    paths_below,
)
from cozysync.remotes.cozy_invitations import CozyInvitations, told_path
from cozysync.remotes.cozy_open import CozyOpener
from cozysync.remotes.cozy_placement import cached_folder_id, is_executable, landed_in_trash
from cozysync.remotes.cozy_shares import CozyShares
from cozysync.remotes.cozy_sharings import CozySharings
from cozysync.remotes.cozy_trash import CozyTrash
from cozysync.remotes.cozy_versions import CozyVersions
from cozysync.remotes.http import (
    CHUNK_SIZE,
    BodyOverLimit,
    SourceSizeMismatch,
    copy_body,
    exact_body,
    raise_for_failure,
)

__all__ = ["COZY_NAME_RULES", "CozyRemote", "is_note"]

# §5: "/", NUL, "\n", "\r" and the names "", ".", ".." are refused (422 name);
# "/.cozy_trash" is reserved.  Control characters are refused too (by NameRules).
COZY_NAME_RULES = NameRules(
    side="your Cozy",
    forbidden_chars="/\x00\n\r",
    forbidden_names=frozenset({".", "..", ".cozy_trash"}),
)
JSONAPI = "application/vnd.api+json"
OWN_WRITES_KEPT = 10_000  # versions this client wrote, remembered to tell echoes apart
NOTE_SUFFIX = ".cozy-note"


def is_note(path: str) -> bool:
    """A Cozy Note (cozy-stack docs/notes.md; brief §3.1): its file is the markdown export
    of what the Notes app holds, and an upload keeping the ``.cozy-note`` extension is
    imported (parsed, rewritten), not stored as sent.  Notes are download-only: an upload
    would replace the collaborative note and come back as other bytes at every pass."""
    return name_of(path).lower().endswith(NOTE_SUFFIX)


def _b64(hex_md5: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_md5)).decode("ascii")


def _is_current(expected: RemoteState, doc: CachedDoc) -> bool:
    """The doc is the version listed, or a later rev of the same bytes: the stack rewrites
    a file's doc without touching its content (its antivirus, cozy-stack
    model/job/trigger_antivirus.go: twice after each upload)."""
    if not expected.etag or expected.etag == doc.rev:
        return True
    same = (doc.md5, doc.size) == (expected.content_hash, expected.size)
    return expected.content_hash is not None and same


def _rfc3339(unix: int) -> str:
    return datetime.fromtimestamp(unix, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parameter(response: httpx.Response) -> str:
    """§0: the first error's ``source.parameter`` ("" when there is none)."""
    errors = json_body(response).get("errors")
    first = errors[0] if isinstance(errors, list) and errors else {}
    source = first.get("source") if isinstance(first, dict) else None
    return str(source.get("parameter", "")) if isinstance(source, dict) else ""


def _instant(rfc3339: str) -> datetime:
    try:
        return datetime.fromisoformat(rfc3339)  # §8.8: up to 9 digits, any offset
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)  # unreadable: never the one sent


class CozyRemote:
    """A Cozy (or one folder of it, ``remote_root``) as the sync's remote tree."""

    def __init__(
        self,
        instance_url: str,
        *,
        secrets: Secrets,
        account: str,
        cache_path: Path,
        remote_root: str = "",
        clock: Clock | None = None,
        client: httpx.Client | None = None,
        timeout: float = 60.0,
        page_size: int = PAGE_SIZE,
        on_batch: Callable[[str, int], None] | None = None,
        excluded: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        self._clock: Clock = clock or SystemClock()
        self.session = CozySession(
            instance_url, TokenStore(secrets, account), clock=self._clock, client=client,
            timeout=timeout,
        )  # fmt: skip
        self.cache = TreeCache(cache_path)
        self.changes = ChangesReader(
            self.session, self.cache, page_size=page_size, on_batch=on_batch
        )
        root = remote_root.strip("/")
        self._root_path = f"/{root}" if root else ""
        self._root_id: str | None = None if root else ROOT_ID
        self._own_writes: OrderedDict[tuple[str, str], None] = OrderedDict()  # (id, rev)
        self._own_lock = threading.Lock()
        # the pair's excluded folders kept on the Cozy, its warnings and free space
        self.account = CozyAccountSide(self.session, self.cache, excluded)
        self.sharings = CozySharings(self.session, self.cache.doc, self._root)
        self.invitations = CozyInvitations(
            self.session,
            lambda: self.sharings.last_items,
            told_path(cache_path),
        )
        self.shares = CozyShares(self.session, self.stat, self.cache.doc, self._root)  # issue 17
        self.opener = CozyOpener(self.session, self._abs)  # issue 17: open online
        self.versions = CozyVersions(self.session, self._required)  # issue 18
        self.trash = CozyTrash(self.session, self._root_path, self._folder_id)  # issue 18

    @property
    def capabilities(self) -> RemoteCapabilities:
        return RemoteCapabilities(
            if_match=True, set_mtime=True, content_hashes=True, stable_ids=True, trash=True
        )

    @property
    def features(self) -> RemoteFeatures:
        """Its realtime websocket tells the changes as they happen (``ChangeFeed``); the
        stack keeps old versions of files (``VersionHistory``), which a user can list
        and restore (``KeepsVersions``)."""
        return RemoteFeatures(
            change_feed=self,
            read_only_shares=self.sharings,
            invitations=self.invitations,
            account=self.account,
            quota=self.account,
            version_history=self,
            sharing=self.shares,
            open_online=self.opener,
            versions=self.versions,
            server_trash=self.trash,
            executable_bit=self,
        )

    def watch_changes(self, on_change: Callable[[], None], name: str) -> Stoppable:
        """A started realtime trigger calling ``on_change`` when the tree changes."""
        # imported here: only watch mode needs it (and websockets, 50-90 ms of each start)
        from cozysync.remotes.cozy_realtime import CozyRealtime

        feed = CozyRealtime(self.session, on_change, name=name, is_own_write=self.is_own_write)
        return feed.start()

    # -- plumbing --------------------------------------------------------------------

    def _abs(self, path: str) -> str:
        return f"{self._root_path}/{path}" if path else (self._root_path or "/")

    def _state(self, path: str, doc: CachedDoc) -> RemoteState:
        return RemoteState(
            path=path, is_dir=doc.is_dir, size=doc.size, mtime=doc.mtime, etag=doc.rev,
            remote_id=doc.id, content_hash=doc.md5, executable=doc.executable,
        )  # fmt: skip

    def _written(self, path: str, doc: CachedDoc) -> RemoteState:
        """The state of a doc this client just wrote, remembered as its own version."""
        with self._own_lock:
            self._own_writes[(doc.id, doc.rev)] = None
            while len(self._own_writes) > OWN_WRITES_KEPT:
                self._own_writes.popitem(last=False)
        return self._state(path, doc)

    def is_own_write(self, doc_id: str, rev: str) -> bool:
        """Whether this version of the doc is one this client wrote (its realtime event
        is an echo: the sync that wrote it has it already)."""
        with self._own_lock:
            return (doc_id, rev) in self._own_writes

    def _doc_of(self, response: httpx.Response) -> tuple[CachedDoc, dict[str, Any]]:
        try:
            data = response.json()["data"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ProtocolError("your Cozy sent an answer cozysync cannot read") from exc
        return doc_from_jsonapi(data), data.get("attributes") or {}

    def _root(self) -> str:
        if self._root_id is None:
            root = self.stat("")
            if root is None or not root.is_dir or root.remote_id is None:
                raise ConfigError(
                    phrase("the folder {root_path} is not on your Cozy", root_path=self._root_path)
                )
            self._root_id = root.remote_id
        return self._root_id

    def _check_name(self, path: str) -> None:
        problem = COZY_NAME_RULES.problem(name_of(path))
        if problem:
            raise NameNotAllowedError(problem, path=path)

    # -- probing and reading -----------------------------------------------------------

    def check(self) -> None:
        """The login works and the synced folder exists (``GET /files/metadata``)."""
        root = self.stat("")
        if root is None or not root.is_dir:
            raise ConfigError(
                phrase("the folder {root_path} is not on your Cozy", root_path=self._abs(""))
            )
        self._root_id = root.remote_id

    def stat(self, path: str) -> RemoteState | None:
        response = self.session.request(
            "GET", "/files/metadata", params={"Path": self._abs(path)}, error_path=path
        )
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            self.session.fail(response, path)
        doc, attrs = self._doc_of(response)
        return None if is_trashed(attrs) else self._state(path, doc)

    def _required(self, path: str) -> RemoteState:
        state = self.stat(path)
        if state is None:
            raise RemoteItemMissingError(f"{path!r} is not on your Cozy", path=path)
        return state

    def _folder_id(self, path: str) -> str:
        """The folder's id: by the tree cache's ids where it has them (exact names),
        else by path (whose lookup may give an NFC/NFD twin: ``cozy_placement``)."""
        if not path:
            return self._root()
        cached = cached_folder_id(self.cache, self._root(), path)
        if cached is not None:
            return cached
        state = self.stat(path)
        if state is None or not state.is_dir or state.remote_id is None:
            raise RemoteItemMissingError(f"the folder {path!r} is not on your Cozy", path=path)
        return state.remote_id

    def list_tree(self) -> list[RemoteState]:
        # the Cozy's warnings (first listing), the excluded folders kept on the Cozy
        self.account.before_listing(self._root())
        self.changes.catch_up()
        return [self._state(p, d) for p, d in paths_below(self.cache.docs(), self._root())]

    def list_below(self, path: str) -> list[RemoteState]:
        top_id = self._folder_id(path)
        docs = self.changes.walk(top_id)
        return [self._state(p, d) for p, d in paths_below(docs, top_id, path)]

    def known_versions(self, path: str) -> set[str]:
        """Hex MD5s of the file's current and old versions (§8.7), to tell an outdated
        local copy from a real conflict."""
        state = self._required(path)
        response = self.session.request("GET", f"/files/{state.remote_id}", error_path=path)
        if response.status_code != 200:
            self.session.fail(response, path)
        found = {state.content_hash} if state.content_hash else set()
        for item in json_body(response).get("included") or []:
            if isinstance(item, dict) and item.get("type") == "io.cozy.files.versions":
                md5 = md5_hex((item.get("attributes") or {}).get("md5sum"))
                if md5:
                    found.add(md5)
        return found

    # -- transfers -------------------------------------------------------------------

    def download(
        self, path: str, sink: BinaryIO, *, expected: RemoteState | None, progress: Progress | None
    ) -> RemoteState:
        file_id = expected.remote_id if expected is not None else None
        if file_id is None:
            file_id = self._required(path).remote_id
        response = self.session.request("GET", f"/files/{file_id}", error_path=path)
        if response.status_code != 200:
            self.session.fail(response, path)
        doc, attrs = self._doc_of(response)
        if is_trashed(attrs) or doc.is_dir:
            raise RemoteItemMissingError(f"{path!r} is not a file on your Cozy", path=path)
        if expected is not None and not _is_current(expected, doc):
            raise PreconditionFailedError(f"{path!r} changed on your Cozy", path=path)
        written, md5 = self._stream_to(doc, sink, path, progress)
        if written != doc.size:
            raise IntegrityError(
                f"{path!r} arrived incomplete ({written} of {doc.size} bytes)", path=path
            )
        if md5 != doc.md5:
            raise IntegrityError(f"{path!r} arrived damaged (MD5 mismatch)", path=path)
        return self._state(path, doc)

    def _stream_to(
        self, doc: CachedDoc, sink: BinaryIO, path: str, progress: Progress | None
    ) -> tuple[int, str]:
        headers = {"Accept": "*/*", "Accept-Encoding": "identity"}
        response = self.session.request(
            "GET", f"/files/download/{doc.id}", headers=headers, stream=True, error_path=path
        )
        with closing(response):
            if response.status_code != 200:
                self.session.fail(response, path)
            served = md5_hex(response.headers.get("ETag", "").strip('"'))
            if served is not None and served != doc.md5:  # §3: ETag is the content's MD5
                raise PreconditionFailedError(f"{path!r} changed on your Cozy", path=path)
            try:
                return copy_body(response, sink, progress, limit=doc.size)
            except BodyOverLimit as exc:
                raise IntegrityError(
                    f"your Cozy sent more than the {exc.limit} bytes it announced for "
                    f"{path!r}; nothing was written",
                    path=path,
                ) from exc
            except httpx.HTTPError as exc:
                raise_for_failure(exc, host=self.session.host, path=path)
            except OSError as exc:
                kind = DiskFullError if exc.errno == errno.ENOSPC else LocalPermissionError
                raise kind(
                    f"cannot write the download of {path!r}: {exc.strerror}", path=path
                ) from exc

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
        self._check_name(path)
        if is_note(path):
            raise SyncError(
                f"{path!r} is a Cozy Note: it is written in the Notes app of your Cozy and "
                "only comes down to this computer (your changes to it stay here)",
                hint="To keep them on your Cozy, save them under a name that does not end "
                "in .cozy-note.",
                path=path,
            )
        self.account.before_upload(path, size, replacing=replace is not None)
        md5 = content_hash or self._hash_source(open_source, size, path)
        headers = {
            "Content-Type": "application/octet-stream",
            "Content-Length": str(size),
            "Content-MD5": _b64(md5),  # §3.1: the stack checks the body against it
        }
        params = {"UpdatedAt": _rfc3339(mtime)} if mtime is not None else {}
        params["Executable"] = "true" if is_executable(open_source) else "false"  # PUT too
        if replace is None:
            url = f"/files/{self._folder_id(parent_of(path))}"
            params.update(Type="file", Name=name_of(path))
            if mtime is not None:
                params["CreatedAt"] = params["UpdatedAt"]
            method, ok = "POST", 201
        else:
            target = replace if replace.remote_id and replace.etag else self._required(path)
            if replace.etag and target.etag != replace.etag:
                raise PreconditionFailedError(f"{path!r} changed on your Cozy", path=path)
            url = f"/files/{target.remote_id}"
            headers["If-Match"] = str(target.etag)  # §3.1: bare rev, no quotes
            if mtime is not None:
                params["UpdatedAt"] = self._updated_at(str(target.remote_id), path, mtime)
            method, ok = "PUT", 200
        response = self._send_body(method, url, params, headers, open_source, size, progress, path)
        if response.status_code != ok:
            self.session.fail(response, path, size=size, replacing=method == "PUT")
        doc, _ = self._doc_of(response)
        if doc.md5 != md5 or doc.size != size:
            raise self._damaged(path, doc, size)
        return self._written(path, doc)

    def _damaged(self, path: str, doc: CachedDoc, size: int) -> IntegrityError:
        """*Upload verification*: the doc the stack answered holds other bytes than those
        sent (it checks Content-MD5, so only a broken stack or proxy gets here).  That
        version (ours: it is the answer to our request) goes to the trash, so that no
        other device downloads it and the next pass sends the file again."""
        with contextlib.suppress(CozySyncError):
            self.delete(path, expected=self._written(path, doc))
        if doc.size != size:
            title = f"your Cozy stored {doc.size} of {size} bytes of {path!r}"
        else:
            title = f"your Cozy stored other bytes for {path!r} (MD5 mismatch)"
        hint = (
            "If this keeps happening, something between this computer and your Cozy is "
            "cutting uploads short."
        )
        return IntegrityError(title + "; it will be sent again", hint=hint, path=path)

    def _send_body(
        self,
        method: str,
        url: str,
        params: dict[str, str],
        headers: dict[str, str],
        open_source: Callable[[], BinaryIO],
        size: int,
        progress: Progress | None,
        path: str,
    ) -> httpx.Response:
        try:
            return self.session.request(
                method, url, params=params, headers=headers, error_path=path,
                content=lambda: exact_body(open_source, size, progress),
                idempotent=method == "PUT",  # a replayed PUT meets If-Match: a 412
            )  # fmt: skip
        except SourceSizeMismatch as exc:
            raise ItemChangedError(f"{path!r} changed while it was being sent", path=path) from exc
        except OSError as exc:
            raise ItemChangedError(
                f"{path!r} could not be read: {exc.strerror}", path=path
            ) from exc

    def _hash_source(self, open_source: Callable[[], BinaryIO], size: int, path: str) -> str:
        digest, total = hashlib.md5(usedforsecurity=False), 0
        try:
            with open_source() as source:
                while chunk := source.read(CHUNK_SIZE):
                    digest.update(chunk)
                    total += len(chunk)
        except OSError as exc:
            raise ItemChangedError(
                f"{path!r} could not be read: {exc.strerror}", path=path
            ) from exc
        if total != size:
            raise ItemChangedError(f"{path!r} changed while it was being read", path=path)
        return digest.hexdigest()

    # -- tree changes ------------------------------------------------------------------

    def mkdir(self, path: str) -> RemoteState:
        self._check_name(path)
        parent = self._folder_id(parent_of(path))
        response = self.session.request(
            "POST", f"/files/{parent}", params={"Type": "directory", "Name": name_of(path)},
            idempotent=False, error_path=path,
        )  # fmt: skip
        if response.status_code == 409:  # §3: the name is taken
            current = self.stat(path)
            if current is not None and current.is_dir:
                return current
            raise PreconditionFailedError(f"a file named {path!r} is on your Cozy", path=path)
        if response.status_code != 201:
            self.session.fail(response, path)
        doc, attrs = self._doc_of(response)
        if landed_in_trash(attrs):
            raise self._made_in_trash(path, doc)
        self.cache.remember(doc)  # its sub-folders are then found by id
        return self._written(path, doc)

    def _made_in_trash(self, path: str, doc: CachedDoc) -> RemoteItemMissingError:
        """The parent was moved to the trash on the Cozy since it was listed: the stack
        made the folder there (``cozy_placement``).  That empty folder is ours, made just
        now: it is destroyed; nothing is recorded as made, and the next listing shows
        the parent's deletion, which the engine handles as any deletion on the Cozy."""
        with contextlib.suppress(CozySyncError):
            self.session.request("DELETE", f"/files/trash/{doc.id}", error_path=path).close()
        parent = parent_of(path)
        return RemoteItemMissingError(
            f"the folder {parent!r} was moved to the trash on your Cozy; {path!r} was not "
            "made there",
            path=path,
        )

    def move(self, src: str, dst: str, *, expected: RemoteState | None) -> RemoteState:
        """§3.2: one PATCH with ``name`` + ``dir_id`` and ``If-Match`` (409 if taken)."""
        self._check_name(dst)
        source = expected if expected and expected.remote_id and expected.etag else None
        source = source or self._required(src)
        attributes: dict[str, object] = {
            "name": name_of(dst), "dir_id": self._folder_id(parent_of(dst)),
        }  # fmt: skip
        response = self._patch(source, attributes, src, fresh=False)
        if response.status_code == 422 and _parameter(response) == "UpdatedAt":
            response = self._patch(source, attributes, src, fresh=True)  # the cache was stale
        if response.status_code == 409:
            raise PreconditionFailedError(f"{dst!r} already exists on your Cozy", path=dst)
        if response.status_code != 200:
            self.session.fail(response, src)
        return self._written(dst, self._doc_of(response)[0])

    def set_executable(self, path: str, executable: bool, *, expected: RemoteState) -> RemoteState:
        """``KeepsExecutableBit``: a PATCH of ``executable`` alone with ``If-Match`` (the
        stack applies it to a file, model/vfs/file.go ``ModifyFileMetadata``; cozy-desktop
        does the same for a chmod, core/remote/index.js ``updateFileMetadataAsync``)."""
        source = expected if expected.remote_id and expected.etag else self._required(path)
        attributes: dict[str, object] = {"executable": executable}
        response = self._patch(source, attributes, path, fresh=False)
        if response.status_code == 422 and _parameter(response) == "UpdatedAt":
            response = self._patch(source, attributes, path, fresh=True)  # the cache was stale
        if response.status_code != 200:
            self.session.fail(response, path)
        return self._written(path, self._doc_of(response)[0])

    def _patch(
        self, source: RemoteState, attributes: dict[str, object], path: str, *, fresh: bool
    ) -> httpx.Response:
        """The PATCH of ``move``, with ``updated_at`` from the cached dates, or (``fresh``)
        from the doc read again: the stack may have moved ``created_at`` since (a photo's
        EXIF date on a PUT, model/vfs/couchdb_indexer.go:138-146)."""
        doc_id = str(source.remote_id)
        dated = {**attributes, "updated_at": self._updated_at(doc_id, path, None, fresh=fresh)}
        body = {"data": {"type": "io.cozy.files", "id": doc_id, "attributes": dated}}
        return self.session.request(
            "PATCH", f"/files/{doc_id}", content=json.dumps(body).encode(),
            headers={"Content-Type": JSONAPI, "If-Match": str(source.etag)}, error_path=path,
        )  # fmt: skip

    def _updated_at(self, doc_id: str, path: str, mtime: int | None, *, fresh: bool = False) -> str:
        """§3.2: the ``updated_at`` a PUT or PATCH sends, the latest of the local mtime and
        the doc's ``created_at`` and ``updated_at`` (as cozy-desktop, core/remote/index.js
        ``mostRecentUpdatedAt``).  The stack stores a PUT's ``UpdatedAt`` as given and keeps
        the old ``created_at`` (cozy-stack web/files/files.go:273-277,
        model/vfs/vfsafero/impl.go:203), then refuses every later PATCH of a doc whose
        ``updated_at`` is before its ``created_at`` with 422 (model/vfs/vfs.go:849-855):
        a file copied over a synced one with its old mtime could never be renamed.  The
        stack's own strings are sent as they are (sub-second digits kept)."""
        created, updated = self._dates(doc_id, path, fresh=fresh)
        best = _rfc3339(mtime) if mtime is not None else None
        for candidate in (updated, created):  # a tie goes to created_at
            if candidate and (best is None or _instant(candidate) >= _instant(best)):
                best = candidate
        return best or _rfc3339(int(self._clock.now()))

    def _dates(self, doc_id: str, path: str, *, fresh: bool) -> tuple[str | None, str | None]:
        """The doc's ``created_at`` and ``updated_at``: from the tree cache (unless
        ``fresh``), else read."""
        cached = None if fresh else self.cache.doc(doc_id)
        if cached is not None and cached.created_at:
            return cached.created_at, cached.updated_at
        response = self.session.request("GET", f"/files/{doc_id}", error_path=path)
        if response.status_code != 200:
            self.session.fail(response, path)
        doc, _ = self._doc_of(response)
        return doc.created_at, doc.updated_at

    def delete(self, path: str, *, expected: RemoteState | None) -> None:
        """Move to the Cozy trash (§3), only the version seen (``If-Match``)."""
        target = expected if expected and expected.remote_id and expected.etag else None
        target = target or self.stat(path)
        if target is None:
            return  # already gone
        response = self.session.request(
            "DELETE", f"/files/{target.remote_id}", headers={"If-Match": str(target.etag)},
            error_path=path,
        )  # fmt: skip
        if response.status_code == 200:
            with contextlib.suppress(ProtocolError):  # the trashed version: its event
                self._written(path, self._doc_of(response)[0])  # is an echo too
            return
        if response.status_code in (204, 404):
            response.close()
            return
        if response.status_code == 400 and "already in the trash" in response.text:
            return  # §6: treat as done
        if response.status_code == 412 and self._is_in_trash(str(target.remote_id)):
            return  # trashed meanwhile (its rev changed on the way): done too
        self.session.fail(response, path)

    def _is_in_trash(self, doc_id: str) -> bool:
        response = self.session.request("GET", f"/files/{doc_id}")
        if response.status_code != 200:
            return response.status_code == 404
        return is_trashed(self._doc_of(response)[1])

    def close(self) -> None:
        self.session.close()
        self.cache.close()
