"""Versions of a file, end to end through the CLI (issue 18, item 1): ``cozysync versions
PATH [--json]`` and ``cozysync restore-version PATH VERSION [--as-copy]`` on a folder
linked to the Cozy double (old versions kept and reverted as the stack does:
tests/cozy_versions_double.py), and on a plain WebDAV server (WsgiDAV), which keeps none.

A restore is a change on the server first; the pass that follows brings it down (the
engine stays the only writer of the folder).  Offline, it is queued and done by the next
pass that reaches the server.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.engine.cozy_world import Linked
from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.test_cli import Cli, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer

FRENCH = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr_FR:fr", "LC_ALL": "", "LC_MESSAGES": ""}


def _drafts(linked: Linked) -> InProcessCli:
    """essay.txt synced three times from this computer: two old versions on the Cozy."""
    linked.cozy.versions_min_delay_s = 0  # a context keeping every version (version.go:181)
    cli = in_process(linked.cli)
    essay = linked.local / "essay.txt"
    for text in (b"first draft\n", b"second draft, longer\n", b"final essay\n"):
        essay.write_bytes(text)
        synced = cli.sync()
        assert synced.code == 0, synced.out + synced.err
    return cli


def _versions(cli: Cli, path: Path) -> list[dict[str, object]]:
    listed = cli("versions", str(path), "--json")
    assert listed.code == 0, listed.out + listed.err
    data = json.loads(listed.out)
    assert data["path"] == path.name
    return list(data["versions"])


def _server_content(linked: Linked, rel: str) -> bytes | None:
    return linked.cozy.tree().get(rel)


def test_the_old_versions_are_listed_newest_first(linked: Linked):
    cli = _drafts(linked)
    essay = linked.local / "essay.txt"
    versions = _versions(cli, essay)
    assert [v["size"] for v in versions] == [21, 12]  # the second draft, then the first
    assert all(v["version_id"] and v["modified_at"] for v in versions)

    shown = cli("versions", str(essay))
    assert shown.code == 0, shown.err
    assert "Old versions of essay.txt on the server, newest first:" in shown.out
    for version in versions:
        assert f"id: {version['version_id']}" in shown.out
    assert "cozysync restore-version PATH ID" in shown.out


def test_restore_makes_it_current_there_then_brings_it_here(linked: Linked):
    cli = _drafts(linked)
    essay = linked.local / "essay.txt"
    first = _versions(cli, essay)[-1]
    done = cli("restore-version", str(essay), str(first["version_id"]))
    assert done.code == 0, done.out + done.err
    assert "The old version of essay.txt is now the current one on the server." in done.out
    assert "docs: up to date" in done.out, done.out
    assert essay.read_bytes() == b"first draft\n"
    assert _server_content(linked, "essay.txt") == b"first draft\n"
    kept = _versions(cli, essay)  # what it replaced is an old version now: nothing lost
    assert sorted(v["size"] for v in kept) == [12, 21]
    assert not [p for p in linked.local.iterdir() if "conflict" in p.name]
    again = cli.sync()
    assert again.code == 0 and essay.read_bytes() == b"first draft\n"


def test_restore_as_a_copy_puts_it_beside_and_never_overwrites(linked: Linked):
    cli = _drafts(linked)
    essay = linked.local / "essay.txt"
    first = _versions(cli, essay)[-1]
    stamp = datetime.fromtimestamp(float(str(first["modified_at"]))).strftime("%Y-%m-%d %H%M")
    copy = linked.local / f"essay (version {stamp}).txt"
    copy.write_bytes(b"a file of mine with that name, not synced yet\n")

    done = cli("restore-version", str(essay), str(first["version_id"]), "--as-copy")
    assert done.code == 0, done.out + done.err
    second = linked.local / f"essay (version {stamp} 2).txt"
    assert f"as essay (version {stamp} 2).txt" in done.out, done.out
    assert second.read_bytes() == b"first draft\n"
    assert essay.read_bytes() == b"final essay\n"  # the file itself is untouched
    assert copy.read_bytes() == b"a file of mine with that name, not synced yet\n"
    assert _server_content(linked, f"essay (version {stamp} 2).txt") == b"first draft\n"
    assert _server_content(linked, "essay.txt") == b"final essay\n"


def test_restore_offline_is_queued_and_done_when_back(linked: Linked):
    cli = _drafts(linked)
    essay = linked.local / "essay.txt"
    first = _versions(cli, essay)[-1]
    linked.cozy.stop()
    try:
        queued = cli("restore-version", str(essay), str(first["version_id"]))
        assert queued.code == 3, queued.out + queued.err  # offline: EXIT_OFFLINE
        assert "Offline: the restore of essay.txt is kept" in queued.out, queued.out
        assert essay.read_bytes() == b"final essay\n"  # nothing changed yet
        offline = cli.sync()
        assert offline.code == 3, offline.out + offline.err
    finally:
        linked.cozy.start()
    assert _server_content(linked, "essay.txt") == b"final essay\n"
    back = cli.sync()
    assert back.code == 0, back.out + back.err
    assert essay.read_bytes() == b"first draft\n"
    assert _server_content(linked, "essay.txt") == b"first draft\n"
    assert sorted(v["size"] for v in _versions(cli, essay)) == [12, 21]
    quiet = cli.sync()  # done once: the queue is empty
    assert quiet.code == 0 and essay.read_bytes() == b"first draft\n"


def test_restore_of_a_file_edited_here_meanwhile_makes_a_conflict_copy(linked: Linked):
    cli = _drafts(linked)
    essay = linked.local / "essay.txt"
    first = _versions(cli, essay)[-1]
    essay.write_bytes(b"edited here, not sent yet\n")
    done = cli("restore-version", str(essay), str(first["version_id"]))
    assert "1 conflict waiting" in done.out, done.out
    contents = {p.name: p.read_bytes() for p in linked.local.iterdir() if p.is_file()}
    copies = [n for n in contents if n.startswith("essay (conflict ")]
    assert len(copies) == 1, contents
    # both are here: the restored version and this computer's edit; nothing overwritten
    assert sorted([contents["essay.txt"], contents[copies[0]]]) == sorted(
        [b"first draft\n", b"edited here, not sent yet\n"]
    )


def test_an_unknown_version_is_said_and_changes_nothing(linked: Linked):
    cli = _drafts(linked)
    essay = linked.local / "essay.txt"
    refused = cli("restore-version", str(essay), "99-nope")
    assert refused.code == 1, refused.out + refused.err
    assert "no version '99-nope' of 'essay.txt'" in refused.err, refused.err
    bad = cli("restore-version", str(essay), "../../settings")
    assert bad.code == 1 and "is not a version's id" in bad.err, bad.err
    assert essay.read_bytes() == b"final essay\n"
    assert _server_content(linked, "essay.txt") == b"final essay\n"


def test_versions_in_french(linked: Linked):
    cli = _drafts(linked)
    french = in_process(Cli(linked.cli.home, {**linked.cli.env, **FRENCH}))
    essay = linked.local / "essay.txt"
    shown = french("versions", str(essay))
    assert shown.code == 0, shown.err
    assert "Anciennes versions de essay.txt sur le serveur" in shown.out, shown.out
    first = _versions(cli, essay)[-1]
    done = french("restore-version", str(essay), str(first["version_id"]), "--as-copy")
    assert done.code == 0, done.out + done.err
    assert "a été mise à côté" in done.out, done.out


@pytest.fixture
def webdav_cli(
    tmp_path: Path,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
) -> tuple[InProcessCli, Path]:
    cli = in_process(make_cli(tmp_path))
    local = tmp_path / "Documents"
    local.mkdir()
    (local / "essay.txt").write_bytes(b"v1")
    cli.link(local, wsgidav_server)
    assert cli.sync().code == 0
    return cli, local


def test_plain_webdav_keeps_no_versions(webdav_cli: tuple[InProcessCli, Path]):
    cli, local = webdav_cli
    listed = cli("versions", str(local / "essay.txt"))
    assert listed.code == 1
    assert "This server keeps no old versions of files" in listed.err, listed.err
    restored = cli("restore-version", str(local / "essay.txt"), "1-abc")
    assert restored.code == 1 and "Nothing was changed." in restored.err
    french = in_process(Cli(cli.home, {**cli.env, **FRENCH}))
    said = french("versions", str(local / "essay.txt"))
    assert said.code == 1 and "Ce serveur ne garde pas" in said.err, said.err
    assert (local / "essay.txt").read_bytes() == b"v1"


def test_with_two_folders_the_path_names_its_folder(
    linked: Linked, tmp_path: Path, wsgidav_server: WsgiDavServer
):
    cli = _drafts(linked)
    other = tmp_path / "School"
    other.mkdir()
    (other / "notes.txt").write_bytes(b"v1")
    linked_too = cli(
        "link", str(other), wsgidav_server.url, "--user", wsgidav_server.user,
        "--password-stdin", "--name", "school", stdin=f"{wsgidav_server.password}\n",
    )  # fmt: skip
    assert linked_too.code == 0, linked_too.err
    assert len(_versions(cli, linked.local / "essay.txt")) == 2  # no --name needed
    plain = cli("versions", str(other / "notes.txt"))
    assert plain.code == 1 and "keeps no old versions" in plain.err, plain.err
    named = cli("versions", "essay.txt", "--name", "docs", "--json")  # from the synced root
    assert named.code == 0 and len(json.loads(named.out)["versions"]) == 2, named.err
