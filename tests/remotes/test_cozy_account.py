"""Issue 15, item 10: selective sync the Cozy knows, its warnings, its free space and the
last sync, against the double (tests/cozy_settings_double.py cites the stack's code)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.errors import QuotaExceededError
from cozysync.messages import MessageId
from cozysync.remotes import cozy_link
from cozysync.remotes.cozy import CozyRemote
from cozysync.remotes.cozy_changes import ROOT_ID
from cozysync.remotes.cozy_link import link_cozy
from cozysync.remotes.cozy_selective import excluded_on_cozy
from cozysync.remotes.cozy_settings import BIG_UPLOAD
from cozysync.secrets import KeyringSecrets
from tests.cozy_server import CozyAccount, CozyStackServer, CozyUser, UserBrowser
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.helpers import RecordingClock
from tests.remotes.test_cozy_remote import upload

TREE = {"Cours/maths.txt": b"maths", "Photos/plage.jpg": b"jpeg", "Perso/journal.txt": b"j"}


@pytest.fixture
def excluded() -> list[str]:
    return []


@pytest.fixture
def remote(
    cozy_account: CozyAccount, cozy_user: CozyUser, excluded: list[str]
) -> Iterator[CozyRemote]:
    for path, data in TREE.items():
        cozy_user.write(path, data)
    r = cozy_account.remote(clock=RecordingClock(), timeout=20, excluded=lambda: list(excluded))
    r.check()
    yield r
    r.close()


def paths(remote: CozyRemote) -> set[str]:
    return {s.path for s in remote.list_tree() if not s.is_dir}


def test_excluded_folders_are_kept_on_the_cozy_for_this_client(
    remote: CozyRemote, cozy_account: CozyAccount, cozy_user: CozyUser,
    cozy_server: CozyStackServer, excluded: list[str],
):  # fmt: skip
    client = cozy_account.client_id()
    assert paths(remote) == set(TREE)
    excluded.append("Photos")
    remote.list_tree()
    assert cozy_user.doc("Photos").not_synchronized_on == [client]
    assert cozy_user.doc("Cours").not_synchronized_on == []
    cozy_user.write("Photos/soleil.jpg", b"sun")  # the feed hides it: a deleted row
    assert paths(remote) == {"Cours/maths.txt", "Perso/journal.txt"}

    cozy_server.requests.clear()
    remote.list_tree()  # the same choice: nothing asked but the feed
    assert [p for _, p, _ in cozy_server.requests] == ["/files/_changes"]

    excluded.clear()  # included again: its content comes back, also what came meanwhile
    assert paths(remote) == {*TREE, "Photos/soleil.jpg"}
    assert cozy_user.doc("Photos").not_synchronized_on == []


def test_a_link_reads_back_only_this_computers_choice(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser,
    excluded: list[str], tmp_path: Path,
):  # fmt: skip
    """Each device's choice is its own (cozy-desktop core/remote/cozy.js:486-494 keeps
    ``id === clientID``): a new link (another computer, or a reinstall: a new OAuth
    client) is not made to leave out what another device leaves out, and the Cozy keeps
    both devices' entries side by side."""
    this_client = remote.session.tokens().client_id
    excluded.append("Perso")
    remote.list_tree()
    secrets = KeyringSecrets(service=f"cozysync-test-{uuid.uuid4().hex[:8]}")
    other = link_cozy(
        cozy_server.url, secrets=secrets, device_name="classroom", open_browser=False,
        print_url=UserBrowser(),
    )  # fmt: skip
    assert other.excluded_on_cozy == ()  # "Perso" is the laptop's choice, not this one's

    classroom = CozyAccount(cozy_server, secrets, other, tmp_path / "classroom").remote(
        clock=RecordingClock(), timeout=20, excluded=lambda: ["Photos", "Perso"]
    )
    try:
        classroom.check()
        classroom.list_tree()  # tells the Cozy the classroom's choice
    finally:
        classroom.close()
    both = sorted([this_client, other.client_id])
    assert sorted(cozy_user.doc("Perso").not_synchronized_on) == both
    assert cozy_user.doc("Photos").not_synchronized_on == [other.client_id]
    assert excluded_on_cozy(remote.session, ROOT_ID) == ("Perso",)  # not the classroom's
    assert paths(remote) == {"Cours/maths.txt", "Photos/plage.jpg"}


def test_the_cozys_warnings_are_told_at_start_not_taken_as_a_block(
    cozy_account: CozyAccount, cozy_server: CozyStackServer
):
    plain = cozy_account.remote(clock=RecordingClock(), timeout=20)
    plain.check()
    plain.list_tree()  # the first listing asks: 404 {"errors": []}, none
    assert plain.account.take_notices() == []
    cozy_server.terms_to_sign = "https://manager.example/tos"
    plain.close()
    plain = cozy_account.remote(clock=RecordingClock(), timeout=20)  # the next start
    plain.check()
    assert paths(plain) == set()  # 402 with the warning: the Cozy still syncs
    notices = plain.account.take_notices()
    assert [n.id for n in notices] == [MessageId.WARNING_COZY_TERMS]
    assert "https://manager.example/tos" in notices[0].text()
    assert notices[0].args["link"] == "https://manager.example/tos"
    assert paths(plain) == set() and plain.account.take_notices() == []  # once a start
    plain.close()


def test_a_pass_is_noted_on_the_cozy(remote: CozyRemote, cozy_server: CozyStackServer):
    client = next(iter(cozy_server.clients.values()))
    assert "synchronized_at" not in client.meta
    remote.account.after_pass()
    assert client.meta["synchronized_at"]


def test_a_big_upload_asks_the_free_space_first(remote: CozyRemote, cozy_server: CozyStackServer):
    big = b"b" * BIG_UPLOAD
    cozy_server.quota = cozy_server.used() + BIG_UPLOAD - 1
    cozy_server.requests.clear()
    with pytest.raises(QuotaExceededError) as info:
        upload(remote, "film.mkv", big)
    assert "'film.mkv' needs 10.0 MB free there" in info.value.title
    assert not any(m == "POST" for m, _, _ in cozy_server.requests)  # no byte sent
    cozy_server.quota = cozy_server.used() + BIG_UPLOAD + 100
    upload(remote, "film.mkv", big)
    notices = remote.account.take_notices()
    assert [n.id for n in notices] == [MessageId.WARNING_COZY_NEARLY_FULL]
    assert "your Cozy will be nearly full after 'film.mkv' (10.0 MB)" in notices[0].text()
    upload(remote, "small.txt", b"s")  # a small one asks nothing
    assert remote.account.take_notices() == []


@pytest.mark.usefixtures("real_keyring")
def test_without_the_disk_usage_scope_the_upload_goes_on(
    cozy_server: CozyStackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The stack answers 403 without the scope (web/settings/disk_usage.go:45-53): the
    free space is then unknown, never an error."""
    monkeypatch.setattr(cozy_link, "SCOPE", "io.cozy.files")
    secrets = KeyringSecrets(service=f"cozysync-test-{uuid.uuid4().hex[:8]}")
    result = link_cozy(
        cozy_server.url, secrets=secrets, device_name="laptop", open_browser=False,
        print_url=UserBrowser(),
    )  # fmt: skip
    remote = CozyAccount(cozy_server, secrets, result, tmp_path / "c").remote(
        clock=RecordingClock(), timeout=20
    )
    cozy_server.quota = 10 * BIG_UPLOAD
    cozy_server.requests.clear()
    upload(remote, "film.mkv", b"b" * BIG_UPLOAD)
    assert ("GET", "/settings/disk-usage") in [(m, p) for m, p, _ in cozy_server.requests]
    assert [a[3] for a in cozy_server.answers if a[1] == "/settings/disk-usage"][-1] == 403
    remote.close()
