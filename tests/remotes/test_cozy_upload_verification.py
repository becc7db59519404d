"""*Upload verification* on a Cozy: the engine against the Cozy double turned into a broken
stack (``store_half_uploads``: it keeps half of each upload's body, skips the Content-MD5
check, and answers the doc it stored).  The answer's size and MD5 are checked against
what was sent: the pass fails naming the file and both sizes, nothing is journalled, the
damaged version goes to the Cozy's trash, and the next pass sends the file again."""

from __future__ import annotations

import pytest

from cozysync.journal.store import SqliteJournal
from cozysync.paths import path_key
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.test_cozy_engine import START, Sync, sync  # noqa: F401

ESSAY = b"The essay, all thirty-one bytes"
assert len(ESSAY) == 31


@pytest.mark.parametrize("edit", [False, True], ids=["new file", "edited file"])
def test_an_upload_the_cozy_cut_short_is_not_synced_and_is_sent_again(
    sync: Sync,  # noqa: F811
    edit: bool,
):
    journal = sync.engine.journal
    assert isinstance(journal, SqliteJournal)
    if edit:
        sync.write("essay.odt", b"first draft")
        sync.once()
    sync.write("essay.odt", ESSAY)
    sync.server.store_half_uploads = True
    try:
        cut = sync.engine.sync_once()
    finally:
        sync.server.store_half_uploads = False

    assert not cut.in_sync
    [error] = cut.errors
    assert (error.path, error.title) == (
        "essay.odt",
        "your Cozy stored 15 of 31 bytes of 'essay.odt'; it will be sent again",
    )
    assert "essay.odt" not in sync.cozy()  # the damaged version is in the Cozy's trash
    entry = journal.entries().get(path_key("essay.odt"))
    if edit:
        assert entry is not None and (entry.size, entry.remote_size) == (11, 11)
    else:
        assert entry is None

    again = sync.once()

    assert again.in_sync and again.conflicts == []
    assert sync.cozy() == sync.local() == {**START, "essay.odt": ESSAY}
    entry = journal.entries().get(path_key("essay.odt"))
    assert entry is not None and (entry.size, entry.remote_size) == (31, 31)
