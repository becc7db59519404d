"""The Cozy tree as the sync sees it: an on-disk cache kept up to date from the files
changes feed (brief ``cozy-protocol.md`` §4), or rebuilt by walking the folders.

- ``TreeCache``: a small SQLite file with every live item by ``_id`` (name, parent id,
  rev, size, MD5) and the last sequence; a feed batch and its sequence are written in one
  transaction, so a crash resumes from the last applied batch, and applying a batch twice
  changes nothing (items are keyed by id and carry their latest state).
- ``ChangesReader.catch_up``: drains ``GET /files/_changes`` from the saved sequence until
  ``pending == 0``.  Design docs, the root and the trash folder are skipped; deleted docs
  and items moved to the Cozy trash become removals; shared drives are left out.  With no
  saved sequence, or one the stack rejects (400), it does a full listing: the current
  sequence first, then a walk of the folders, then the feed from that sequence.

Paths are rebuilt from ``dir_id`` links (the feed's ``path`` is computed *now*, §8.9), so
children arriving before their parents, and folder moves that emit no file entries, are
handled by construction.  An item whose parent chain does not reach the root is absent.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import sqlite3
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cozysync.errors import ConfigError, ProtocolError
from cozysync.paths import join
from cozysync.phrases import phrase
from cozysync.private import private_file, private_folder
from cozysync.remotes.cozy_auth import CozySession
from cozysync.remotes.http import raise_for_failure

__all__ = [
    "DRIVES_ID",
    "ROOT_ID",
    "TRASH_ID",
    "CachedDoc",
    "ChangesReader",
    "TreeCache",
    "doc_from_jsonapi",
    "doc_from_raw",
    "next_cursor",
    "paths_below",
]

ROOT_ID = "io.cozy.files.root-dir"
TRASH_ID = "io.cozy.files.trash-dir"
DRIVES_ID = "io.cozy.files.shared-drives-dir"  # §7: drive contents are not synced in v1
_NOT_SYNCED = frozenset({TRASH_ID, DRIVES_ID})
PAGE_SIZE = 3000  # what cozy-desktop asks (§4)
DIR_PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class CachedDoc:
    """One live item as the cache keeps it."""

    id: str
    rev: str
    is_dir: bool
    name: str
    dir_id: str
    size: int = 0
    md5: str | None = None  # hex
    mtime: int | None = None  # unix seconds of updated_at
    created_at: str | None = None  # RFC 3339 as the stack wrote them (§3.2: a PATCH or a
    updated_at: str | None = None  # PUT sends the latest of these and the local mtime)
    executable: bool | None = None  # a file's ``executable`` (None: a folder, or not known)


def md5_hex(md5sum: object) -> str | None:
    """§2: ``md5sum`` is the base64 of the 16-byte digest; we keep hex."""
    if not isinstance(md5sum, str) or not md5sum:
        return None
    try:
        raw = base64.b64decode(md5sum, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw.hex() if len(raw) == 16 else None


def parse_time(value: object) -> int | None:
    """§2, §8.8: RFC 3339 with up to 9 fractional digits and any offset."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return int(datetime.fromisoformat(value).timestamp())
    except ValueError:
        return None


def is_trashed(attrs: dict[str, Any]) -> bool:
    """§2: ``trashed`` on files; a folder is in the trash iff its path is below it."""
    path = str(attrs.get("path") or "")
    return (
        bool(attrs.get("trashed"))
        or attrs.get("dir_id") == TRASH_ID
        or path == "/.cozy_trash"
        or path.startswith("/.cozy_trash/")
    )


def _doc(doc_id: str, rev: str, attrs: dict[str, Any]) -> CachedDoc:
    is_dir = attrs.get("type") == "directory"
    try:
        size = 0 if is_dir else int(attrs.get("size") or 0)  # §2: size is a string
    except (TypeError, ValueError) as exc:
        raise ProtocolError(f"your Cozy sent an unreadable size for {doc_id}") from exc
    return CachedDoc(
        id=doc_id,
        rev=rev,
        is_dir=is_dir,
        name=str(attrs.get("name", "")),
        dir_id=str(attrs.get("dir_id", "")),
        size=size,
        md5=None if is_dir else md5_hex(attrs.get("md5sum")),
        mtime=parse_time(attrs.get("updated_at")),
        created_at=_text(attrs.get("created_at")),
        updated_at=_text(attrs.get("updated_at")),
        executable=None if is_dir else attrs.get("executable") is True,  # FileDoc.Executable
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def doc_from_raw(raw: dict[str, Any]) -> CachedDoc:
    """A raw CouchDB doc (inside ``_changes``: ``_id``, ``_rev``, attributes on top)."""
    return _doc(str(raw["_id"]), str(raw["_rev"]), raw)


def doc_from_jsonapi(data: dict[str, Any]) -> CachedDoc:
    """A JSON:API resource from ``/files/*`` (``id``, ``meta.rev``, ``attributes``)."""
    try:
        return _doc(str(data["id"]), str(data["meta"]["rev"]), data["attributes"])
    except (KeyError, TypeError) as exc:
        raise ProtocolError("your Cozy sent a file description cozysync cannot read") from exc


def paths_below(
    docs: Iterable[CachedDoc], top_id: str, top_path: str = ""
) -> Iterator[tuple[str, CachedDoc]]:
    """(relative path, doc) of every item reachable from ``top_id``, parents first."""
    children: dict[str, list[CachedDoc]] = defaultdict(list)
    for doc in docs:
        if doc.id not in _NOT_SYNCED:
            children[doc.dir_id].append(doc)
    queue = deque([(top_id, top_path)])
    seen = {top_id}
    while queue:
        folder_id, folder_path = queue.popleft()
        for doc in sorted(children.get(folder_id, ()), key=lambda d: d.name):
            if doc.id in seen:
                continue  # a cycle can only come from a corrupt cache: never loop
            seen.add(doc.id)
            path = join(folder_path, doc.name)
            yield path, doc
            if doc.is_dir:
                queue.append((doc.id, path))


_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY, rev TEXT NOT NULL, is_dir INTEGER NOT NULL, name TEXT NOT NULL,
    dir_id TEXT NOT NULL, size INTEGER NOT NULL, md5 TEXT, mtime INTEGER,
    created_at TEXT, updated_at TEXT, executable INTEGER);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE INDEX IF NOT EXISTS items_by_parent ON items (dir_id, name);
"""
_COLUMNS = "id, rev, is_dir, name, dir_id, size, md5, mtime, created_at, updated_at, executable"


class TreeCache:
    """The remote tree by id plus the last applied sequence, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        try:
            private_file(private_folder(path.parent) / path.name)  # its -wal, -shm too
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
            _add_dates(self._db)
        except (sqlite3.Error, OSError) as exc:
            raise ConfigError(
                phrase("cannot open the Cozy tree cache {path}: {exc}", path=path, exc=exc)
            ) from exc
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @property
    def seq(self) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE name='seq'").fetchone()
        return None if row is None else str(row[0])

    def docs(self) -> list[CachedDoc]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM items").fetchall()
        return [_cached(r) for r in rows]

    def doc(self, doc_id: str) -> CachedDoc | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM items WHERE id=?", (doc_id,)).fetchone()
        return None if row is None else _cached(row)

    def child(self, dir_id: str, name: str) -> CachedDoc | None:
        """The item named exactly ``name`` (SQLite compares the bytes: an NFC name never
        finds its NFD twin) in the folder ``dir_id``."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM items WHERE dir_id=? AND name=?", (dir_id, name)
            ).fetchone()
        return None if row is None else _cached(row)

    def remember(self, doc: CachedDoc) -> None:
        """A doc this client just wrote, known before the feed brings it (the sequence is
        left alone: the feed brings the same doc, or a later state, again)."""
        if self.doc(doc.id) is not None:
            return  # the feed's state is at least as recent
        with self._transaction() as db:
            db.execute(
                f"INSERT OR IGNORE INTO items ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.rev, int(doc.is_dir), doc.name, doc.dir_id, doc.size, doc.md5,
                 doc.mtime, doc.created_at, doc.updated_at, doc.executable),
            )  # fmt: skip

    def apply(
        self,
        upserts: Iterable[CachedDoc],
        removals: Iterable[str],
        seq: str,
        *,
        reset: bool = False,
    ) -> None:
        """One feed batch (or a full listing with ``reset``) and its sequence, atomically."""
        with self._transaction() as db:
            if reset:
                db.execute("DELETE FROM items")
            db.executemany("DELETE FROM items WHERE id=?", [(i,) for i in removals])
            db.executemany(
                f"INSERT OR REPLACE INTO items ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (d.id, d.rev, int(d.is_dir), d.name, d.dir_id, d.size, d.md5, d.mtime,
                     d.created_at, d.updated_at, d.executable)
                    for d in upserts
                ],
            )  # fmt: skip
            db.execute("INSERT OR REPLACE INTO meta VALUES ('seq', ?)", (seq,))

    def note(self, name: str) -> str | None:
        """A value kept with the tree (``remember_note``), or None."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE name=?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def remember_note(self, name: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def forget_seq(self) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM meta WHERE name='seq'")

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _cached(row: tuple[Any, ...]) -> CachedDoc:
    executable = None if row[10] is None else bool(row[10])
    return CachedDoc(
        row[0], row[1], bool(row[2]), row[3], row[4], row[5], row[6], row[7], row[8], row[9],
        executable,
    )  # fmt: skip


def _add_dates(db: sqlite3.Connection) -> None:
    """A cache an older cozysync wrote has no dates: they are added, empty (read from the
    server when a write needs them); nor the x bits: not known until a doc comes again
    (its x bit is then left alone, ``RemoteState.executable`` None)."""
    have = {row[1] for row in db.execute("PRAGMA table_info(items)")}
    for column in ("created_at", "updated_at"):
        if column not in have:
            db.execute(f"ALTER TABLE items ADD COLUMN {column} TEXT")
    if "executable" not in have:
        db.execute("ALTER TABLE items ADD COLUMN executable INTEGER")


def classify(result: dict[str, Any]) -> tuple[str, CachedDoc | None]:
    """What one feed result means for the tree: ``skip``, ``remove`` or ``upsert``."""
    doc_id = str(result.get("id", ""))
    if doc_id.startswith("_design/") or doc_id in (ROOT_ID, TRASH_ID):
        return "skip", None  # §4: design docs, the root and the trash itself
    raw = result.get("doc")
    if result.get("deleted") or not isinstance(raw, dict) or raw.get("_deleted"):
        return "remove", None  # §4: a real deletion (trash emptied, permanent_delete)
    if is_trashed(raw):
        return "remove", None  # §4: a user "delete" is a move to the trash
    doc = doc_from_raw(raw)
    if not doc.is_dir and doc.md5 is None:
        return "skip", None  # §4: incomplete upload; a later rev follows
    return "upsert", doc


class ChangesReader:
    """Brings a ``TreeCache`` up to date with the server."""

    def __init__(
        self,
        session: CozySession,
        cache: TreeCache,
        *,
        page_size: int = PAGE_SIZE,
        on_batch: Callable[[str, int], None] | None = None,
    ) -> None:
        self.session = session
        self.cache = cache
        self.page_size = page_size
        self.on_batch = on_batch  # (seq, results applied) after each committed batch

    def catch_up(self) -> None:
        """Drain the feed to ``pending == 0`` (a full listing first when needed)."""
        if self.cache.seq is None:
            self.full_listing()
        while True:
            status, page = self._get_changes(self.cache.seq or "0")
            if status == 400:  # §4: a sequence the stack does not accept
                self.cache.forget_seq()
                self.full_listing()
                continue
            if self._apply_page(page):
                return

    def _apply_page(self, page: dict[str, Any]) -> bool:
        results = page.get("results")
        last_seq = page.get("last_seq")
        if not isinstance(results, list) or last_seq is None:
            raise ProtocolError("your Cozy sent a changes feed cozysync cannot read")
        upserts: dict[str, CachedDoc] = {}
        removals: set[str] = set()
        for result in results:
            action, doc = classify(result)
            doc_id = str(result.get("id", ""))
            if action == "upsert" and doc is not None:
                upserts[doc_id] = doc
                removals.discard(doc_id)
            elif action == "remove":
                removals.add(doc_id)
                upserts.pop(doc_id, None)
        self.cache.apply(upserts.values(), removals, str(last_seq))
        if self.on_batch is not None:
            self.on_batch(str(last_seq), len(results))
        return int(page.get("pending") or 0) == 0 or not results

    def _get_changes(self, since: str) -> tuple[int, dict[str, Any]]:
        params = {"since": since, "include_docs": "true", "limit": str(self.page_size)}
        return self._get("/files/_changes", params, ok_400=True)

    def full_listing(self) -> None:
        """The current sequence, then every live item by walking the folders."""
        _, head = self._get(
            "/data/io.cozy.files/_changes",
            {"since": "0", "descending": "true", "limit": "1"},
        )
        seq = head.get("last_seq")
        if seq is None:
            raise ProtocolError("your Cozy did not give its current changes sequence")
        docs = self.walk(ROOT_ID)
        self.cache.apply(docs, (), str(seq), reset=True)

    def walk(self, top_id: str) -> list[CachedDoc]:
        """Every live item below the folder ``top_id``, one paginated read per folder."""
        found: list[CachedDoc] = []
        queue = deque([top_id])
        while queue:
            for doc in self._children(queue.popleft()):
                if doc.id in _NOT_SYNCED:
                    continue
                found.append(doc)
                if doc.is_dir:
                    queue.append(doc.id)
        return found

    def _children(self, dir_id: str) -> Iterator[CachedDoc]:
        path = f"/files/{dir_id}"
        params: dict[str, str] = {"page[limit]": str(DIR_PAGE_SIZE)}
        while True:
            _, page = self._get(path, params)
            for item in page.get("included") or []:
                if isinstance(item, dict) and item.get("type") == "io.cozy.files":
                    doc = doc_from_jsonapi(item)
                    if doc.is_dir or doc.md5 is not None:  # skip incomplete uploads
                        yield doc
            cursor = next_cursor(page)
            if cursor is None:
                return
            params = {"page[limit]": str(DIR_PAGE_SIZE), "page[cursor]": cursor}

    def _get(
        self, path: str, params: dict[str, str], *, ok_400: bool = False
    ) -> tuple[int, dict[str, Any]]:
        response = self.session.request("GET", path, params=params)
        if response.status_code == 400 and ok_400:
            return 400, {}
        if response.status_code != 200:
            raise_for_failure(response, host=self.session.host, path="")
        try:
            data = response.json()
        except ValueError as exc:
            raise ProtocolError("your Cozy sent an answer cozysync cannot read") from exc
        if not isinstance(data, dict):
            raise ProtocolError("your Cozy sent an answer cozysync cannot read")
        return 200, data


def next_cursor(page: dict[str, Any]) -> str | None:
    """§3: follow ``links.next`` with its ``page[cursor]``."""
    link = (page.get("links") or {}).get("next")
    if not link:
        return None
    cursor = parse_qs(urlsplit(str(link)).query).get("page[cursor]")
    return cursor[0] if cursor else None
