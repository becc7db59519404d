"""``cozysync login`` for a Cozy whose user removed this computer (a revoked client,
every token refused): the browser login of the Cozy double registers it again, the old
client's tokens leave the real keyring, and the pair goes on where it was: a file
changed only on the Cozy comes down as a plain download, nothing is sent again
(issue 16, item 3)."""

from __future__ import annotations

from pathlib import Path

import keyring

from cozysync.remotes.cozy_auth import DISCONNECTED
from tests.engine.cozy_world import (
    Linked,
    downloads,
    is_upload,
    run_with_browser,
)
from tests.engine.crash_helpers import wait_for
from tests.engine.test_cli_cozy_realtime import (
    arrives_on_event,
    hub,
    log_text,
    set_poll_interval,
    settle,
    watching,
)
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

EXIT_AUTH = 4


def test_login_after_a_revoked_client_downloads_a_cozy_edit_without_a_conflict(
    linked: Linked,
):
    old_account = str(linked.folder()["cozy_account"])
    linked.cozy.delete_client(old_account.rsplit(":", 1)[1])  # removed in the Cozy's settings
    linked.user.write("a.txt", b"A edited on the Cozy")
    refused = linked.cli.sync()
    assert refused.code == EXIT_AUTH and DISCONNECTED in refused.err, refused.err
    assert "run `cozysync login` for this folder" in refused.err  # what to do

    result, browser = run_with_browser(linked.cli, "login", "--no-browser")

    assert result.code == 0, result.out + result.err
    assert browser.visited, "the login address was not printed"
    assert "Signed in again" in result.out
    new_account = str(linked.folder()["cozy_account"])
    assert new_account != old_account
    assert keyring.get_password("cozysync", old_account) is None  # the old tokens forgotten
    assert linked.tokens()["access_token"]
    mark = linked.mark()
    synced = linked.cli.sync()
    assert synced.code == 0, synced.out + synced.err
    assert linked.local_tree() == {"a.txt": b"A edited on the Cozy"}  # no conflict copy
    assert len(downloads(linked.since(mark))) == 1
    assert not [r for r in linked.since(mark) if is_upload(*r)]
    mark = linked.mark()
    again = linked.cli.sync()
    assert again.code == 0 and "change made" not in again.out and "changes made" not in again.out, (
        again.out
    )
    assert not [r for r in linked.since(mark) if is_upload(*r) or r in downloads([r])]


def test_login_of_a_cozy_cancelled_in_the_browser_keeps_the_old_settings(
    linked: Linked,
):
    before = linked.folder()
    linked.cozy.consent = "cancel"

    result, _browser = run_with_browser(linked.cli, "login", "--no-browser")

    assert result.code == EXIT_AUTH, result.out + result.err
    assert "you cancelled the login in the browser" in result.err
    assert linked.folder() == before
    assert linked.tokens()["access_token"]  # the login that worked is kept


def test_a_new_login_starts_the_realtime_trigger_again(linked: Linked, tmp_path: Path):
    """The realtime socket was refused with the old login (turned off, as for a revoked
    client); after ``login``, the running pair follows the Cozy's events again: a change
    there arrives on its event, not at a poll (the poll interval, 300 s, is far off)."""
    hub(linked).refuse_auth = True
    set_poll_interval(linked, 300.0)
    with watching(linked, tmp_path / "run.out"):
        assert wait_for(lambda: "realtime updates off" in log_text(linked), timeout=30)
        hub(linked).refuse_auth = False
        connects = len(hub(linked).entries("connect"))

        result, _browser = run_with_browser(linked.cli, "login", "--no-browser")

        assert result.code == 0, result.out + result.err
        assert wait_for(lambda: hub(linked).entries("subscribed"), timeout=30)
        assert len(hub(linked).entries("connect")) == connects + 1
        settle(linked)
        arrives_on_event(linked, "after-login.txt", b"L")
