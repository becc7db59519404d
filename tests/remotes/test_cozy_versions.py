"""Issue 18, item 1: a Cozy's old versions through ``RemoteFeatures.versions``
(remotes/cozy_versions.py) against the double, which keeps and serves them as the stack
does (tests/cozy_versions_double.py cites cozy-stack's file:line)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from cozysync.errors import RemoteItemMissingError
from cozysync.remotes.cozy import CozyRemote
from tests.cozy_server import CozyAccount, CozyStackServer, CozyUser
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.helpers import RecordingClock
from tests.remotes.test_cozy_remote import md5, upload


@pytest.fixture
def remote(cozy_account: CozyAccount) -> Iterator[CozyRemote]:
    cozy_account.server.versions_min_delay_s = 0  # every overwrite keeps a version
    r = cozy_account.remote(clock=RecordingClock(), timeout=20)
    r.check()
    yield r
    r.close()


def _keeper(remote: CozyRemote):  # the declared capability, never the class
    keeper = remote.features.versions
    assert keeper is not None
    return keeper


def test_versions_are_listed_newest_first_with_size_and_hash(remote: CozyRemote):
    state = upload(remote, "essay.txt", b"first draft")
    state = upload(remote, "essay.txt", b"second, longer draft", replace=state)
    upload(remote, "essay.txt", b"final", replace=state)
    versions = _keeper(remote).list_versions("essay.txt")
    assert [(v.size, v.content_hash) for v in versions] == [
        (20, md5(b"second, longer draft")),
        (11, md5(b"first draft")),
    ]
    assert versions[0].modified_at >= versions[1].modified_at
    assert all(v.made_by is None for v in versions)  # files.go:2586: an OAuth client
    # without a slug (cozysync's) is not recorded as the uploader


def test_a_version_uploaded_in_the_web_app_names_drive(remote: CozyRemote, cozy_user: CozyUser):
    cozy_user.write("notes.txt", b"written in Drive")
    cozy_user.write("notes.txt", b"written again")
    [version] = _keeper(remote).list_versions("notes.txt")
    assert version.made_by == "drive"  # the web app's slug (files.go:2556-2557)


def test_a_version_reads_back_whole(remote: CozyRemote):
    state = upload(remote, "a.txt", b"old bytes")
    upload(remote, "a.txt", b"new bytes", replace=state)
    [version] = _keeper(remote).list_versions("a.txt")
    sink = io.BytesIO()
    assert _keeper(remote).download_version("a.txt", version.version_id, sink) == 9
    assert sink.getvalue() == b"old bytes"


def test_restoring_makes_it_current_and_keeps_what_it_replaces(
    remote: CozyRemote, cozy_server: CozyStackServer
):
    state = upload(remote, "a.txt", b"v1")
    upload(remote, "a.txt", b"v2", replace=state)
    [old] = _keeper(remote).list_versions("a.txt")
    _keeper(remote).restore_version("a.txt", old.version_id)
    assert cozy_server.tree()["a.txt"] == b"v1"
    now = remote.stat("a.txt")
    assert now is not None and now.content_hash == md5(b"v1") and now.etag != state.etag
    [kept] = _keeper(remote).list_versions("a.txt")  # impl.go:578-580
    assert kept.content_hash == md5(b"v2")
    with pytest.raises(RemoteItemMissingError, match="not on your Cozy"):
        _keeper(remote).restore_version("a.txt", old.version_id)  # gone: it is current


def test_an_unknown_version_or_file_is_said(remote: CozyRemote):
    upload(remote, "a.txt", b"v1")
    with pytest.raises(RemoteItemMissingError, match="version '9-nope'"):
        _keeper(remote).download_version("a.txt", "9-nope", io.BytesIO())
    with pytest.raises(RemoteItemMissingError):
        _keeper(remote).list_versions("missing.txt")
