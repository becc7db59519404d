"""Recording failed items costs O(1) each (issue 13, item 8): the engine on WsgiDAV
refusing every upload (HTTP 403), with a real SQLite journal that counts the error rows
it reads. Before, each failure read the whole errors table: K failures read K²/2 rows
(200,000 failing files never finished)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.journal.store import SqliteJournal
from cozysync.models import ItemError
from cozysync.sync.engine import SyncEngine
from tests.engine.real_engine import real_engine
from tests.servers import WsgiDavServer

FAILING = 40


class CountingJournal(SqliteJournal):
    """The real journal, counting the rows of the errors table it hands out."""

    error_rows_read = 0

    def errors(self) -> list[ItemError]:
        found = super().errors()
        self.error_rows_read += len(found)
        return found

    def error(self, path: str) -> ItemError | None:
        self.error_rows_read += 1
        return super().error(path)


@pytest.fixture
def engine(tmp_path: Path, wsgidav_server: WsgiDavServer) -> Iterator[SyncEngine]:
    root = tmp_path / "local"
    root.mkdir()
    for i in range(FAILING):
        (root / f"f{i:03d}.txt").write_text(str(i))
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.add("PUT", "", 403, times=10 * FAILING)
    with real_engine(tmp_path, wsgidav_server, journal=CountingJournal) as engine:
        yield engine


def test_recording_k_failures_reads_the_errors_table_o_k_times(engine: SyncEngine) -> None:
    journal = engine.journal
    assert isinstance(journal, CountingJournal)

    first = engine.sync_once()
    second = engine.sync_once()  # each item fails again: its attempts are counted on

    assert len(first.errors) == len(second.errors) == FAILING
    assert journal.error_rows_read <= 2 * 2 * FAILING  # before: 2,380 (K²/2 in the first pass)
    recorded = journal.errors()
    assert len(recorded) == FAILING
    assert {e.attempts for e in recorded} == {2}  # the back-off still grows per failure
    assert journal.error("f000.txt") == recorded[0]
    assert journal.error("not-failing.txt") is None


def test_the_failures_a_pass_reports_keep_no_traceback(engine: SyncEngine) -> None:
    """Each traceback holds the frames of the failed action (an HTTP response among their
    locals): kept for every failed item, memory grew with the number of failures."""
    result = engine.sync_once()

    assert len(result.errors) == FAILING
    for error in result.errors:
        seen: BaseException | None = error
        while seen is not None:
            assert seen.__traceback__ is None
            seen = seen.__cause__ or seen.__context__
