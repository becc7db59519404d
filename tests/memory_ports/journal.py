"""``MemoryJournal``: the ``Journal`` port as ``SqliteJournal`` behaves, in dicts."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from cozysync.errors import CozySyncError
from cozysync.models import Conflict, ItemError, JournalEntry, PendingTransfer
from cozysync.paths import is_same_or_under
from tests.memory_ports.common import Failures

__all__ = ["MemoryJournal"]


class MemoryJournal:
    """The ``Journal`` port in dicts, as ``SqliteJournal`` behaves: ``transaction`` is all
    or nothing (nestable), ``relocate`` keeps each entry's own spelling below the moved
    item and drops stale entries at the new key, lists come sorted as its queries sort."""

    def __init__(self) -> None:
        self.items: dict[str, JournalEntry] = {}
        self.meta: dict[str, str] = {}
        self.conflict_rows: dict[str, Conflict] = {}
        self.error_rows: dict[str, ItemError] = {}
        self.transfer_rows: dict[str, PendingTransfer] = {}
        self._depth = 0
        self._failures = Failures()
        self._lock = threading.RLock()

    def fail_next(self, method: str, path: str, error: CozySyncError, times: int = 1) -> None:
        self._failures.add(method, path, error, times)

    def entries(self) -> dict[str, JournalEntry]:
        self._failures.check("entries", "")
        return dict(self.items)

    def get(self, key: str) -> JournalEntry | None:
        return self.items.get(key)

    def put(self, entry: JournalEntry) -> None:
        self._failures.check("put", entry.key)
        self.items[entry.key] = entry

    def put_many(self, entries: Iterable[JournalEntry]) -> None:
        rows = list(entries)
        with self.transaction():
            for entry in rows:
                self.put(entry)

    def remove_tree(self, key: str) -> None:
        self._failures.check("remove_tree", key)
        for k in [k for k in self.items if not key or is_same_or_under(k, key)]:
            del self.items[k]

    def relocate(self, old_key: str, new_key: str, local_path: str, remote_path: str) -> None:
        if not old_key or not new_key:
            raise ValueError("the sync root cannot be relocated")
        if old_key != new_key and (
            is_same_or_under(old_key, new_key) or is_same_or_under(new_key, old_key)
        ):
            raise ValueError(f"cannot relocate {old_key!r} into itself ({new_key!r})")
        self._failures.check("relocate", old_key)
        with self.transaction():
            if old_key != new_key:
                self.remove_tree(new_key)
            depth = old_key.count("/") + 1
            moved = [k for k in self.items if is_same_or_under(k, old_key)]
            entries = [self.items.pop(k) for k in moved]
            for e in entries:
                key = new_key + e.key[len(old_key) :]
                self.items[key] = dataclasses.replace(
                    e,
                    key=key,
                    local_path=_rebase_components(e.local_path, depth, local_path),
                    remote_path=_rebase_components(e.remote_path, depth, remote_path),
                )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            saved = self._tables()
            self._depth += 1
            try:
                yield
            except BaseException:
                self._restore(saved)
                raise
            finally:
                self._depth -= 1

    def _all_tables(self) -> tuple[dict[str, Any], ...]:
        return (self.items, self.meta, self.conflict_rows, self.error_rows, self.transfer_rows)

    def _tables(self) -> tuple[dict[str, Any], ...]:
        return tuple(dict(table) for table in self._all_tables())

    def _restore(self, saved: tuple[dict[str, Any], ...]) -> None:
        for table, old in zip(self._all_tables(), saved, strict=True):
            table.clear()
            table.update(old)

    def get_meta(self, name: str) -> str | None:
        return self.meta.get(name)

    def set_meta(self, name: str, value: str | None) -> None:
        if value is None:
            self.meta.pop(name, None)
        else:
            self.meta[name] = value

    def add_conflict(self, conflict: Conflict) -> None:
        self.conflict_rows[conflict.path] = conflict

    def conflicts(self) -> list[Conflict]:
        return [self.conflict_rows[p] for p in sorted(self.conflict_rows)]

    def remove_conflict(self, path: str) -> None:
        self.conflict_rows.pop(path, None)

    def record_error(self, error: ItemError) -> None:
        self._failures.check("record_error", error.path)
        self.error_rows[error.path] = error

    def clear_error(self, path: str) -> None:
        self.error_rows.pop(path, None)

    def error(self, path: str) -> ItemError | None:
        return self.error_rows.get(path)

    def errors(self) -> list[ItemError]:
        return [self.error_rows[p] for p in sorted(self.error_rows)]

    def transfers(self) -> list[PendingTransfer]:
        return [self.transfer_rows[k] for k in sorted(self.transfer_rows)]

    def put_transfer(self, transfer: PendingTransfer) -> None:
        self._failures.check("put_transfer", transfer.key)
        self.transfer_rows[transfer.key] = transfer

    def remove_transfer(self, key: str) -> None:
        self.transfer_rows.pop(key, None)

    def close(self) -> None:
        if self._depth:
            raise ValueError("the journal cannot be closed inside a transaction")


def _rebase_components(path: str, depth: int, new_prefix: str) -> str:
    """As ``journal.schema.rebase_components``: the first ``depth`` names replaced."""
    rest = path.split("/", depth)[depth:]
    return "/".join([new_prefix, *rest]) if new_prefix else "/".join(rest)
