"""A ``chmod +x`` alone is synced with a Cozy, both ways (issue 15 leftovers): the
stack keeps a file's ``executable`` attribute (tests/cozy_server.py: POST/PUT
``Executable``, PATCH ``attributes.executable``, model/vfs/file.go), and cozy-desktop
carries a chmod by a metadata update.  Through the CLI in this process against the
double: the bit goes up by one PATCH (no upload), comes down by a chmod (no download),
and a new executable file comes down executable."""

from __future__ import annotations

import hashlib
import os
import stat
from base64 import b64encode
from pathlib import Path

from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import Linked, is_download, is_upload, link_folder
from tests.engine.inprocess_cli import in_process
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

SCRIPT = b"#!/bin/sh\necho bonjour\n"


def is_executable(path: Path) -> bool:
    return bool(path.stat().st_mode & stat.S_IXUSR)


def server_sets_executable(user: CozyUser, path: str, executable: bool) -> None:
    """The user (or another device) changes the bit on the Cozy: a PATCH of the doc."""
    doc = user.doc(path)
    body = {"data": {"type": "io.cozy.files", "id": doc.id,
                     "attributes": {"executable": executable}}}  # fmt: skip
    user._call(
        "PATCH", f"/files/{doc.id}", 200, json=body,
        headers={"Content-Type": "application/vnd.api+json", "If-Match": doc.rev},
    )  # fmt: skip


def transfers(linked: Linked, start: int) -> list[tuple[str, str, str]]:
    return [r for r in linked.since(start) if is_upload(*r) or is_download(*r)]


def test_a_chmod_alone_goes_both_ways_without_sending_the_content(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    linked = link_folder(tmp_path, cozy_server, cozy_user)
    cli = in_process(linked.cli)
    script = linked.local / "run.sh"
    script.write_bytes(SCRIPT)
    script.chmod(0o644)
    assert cli.sync().code == 0
    assert cozy_user.doc("run.sh").executable is False

    script.chmod(0o755)  # chmod +x alone: same bytes, same mtime
    start = linked.mark()
    synced = cli.sync()
    assert synced.code == 0, synced.out + synced.err
    assert cozy_user.doc("run.sh").executable is True
    assert transfers(linked, start) == []  # one PATCH, the content not sent again
    assert ("PATCH", f"/files/{cozy_user.doc('run.sh').id}") in [
        (m, p) for m, p, _ in linked.since(start)
    ]
    start = linked.mark()
    assert cli.sync().code == 0
    assert [m for m, _, _ in linked.since(start) if m == "PATCH"] == []  # settled

    server_sets_executable(cozy_user, "run.sh", False)  # chmod -x on another computer
    start = linked.mark()
    synced = cli.sync()
    assert synced.code == 0, synced.out + synced.err
    assert not is_executable(script)
    assert script.read_bytes() == SCRIPT and stat.S_IMODE(script.stat().st_mode) == 0o644
    assert transfers(linked, start) == []  # a chmod here, no download

    data = b"#!/bin/sh\necho au revoir\n"  # a new executable file made on the Cozy
    md5 = b64encode(hashlib.md5(data).digest()).decode()
    cozy_user._call(
        "POST", "/files/io.cozy.files.root-dir", 201, content=data,
        headers={"Content-MD5": md5},
        params={"Type": "file", "Name": "bye.sh", "Executable": "true"},
    )  # fmt: skip
    assert cli.sync().code == 0
    assert (linked.local / "bye.sh").read_bytes() == data
    assert is_executable(linked.local / "bye.sh")
    assert os.access(linked.local / "bye.sh", os.X_OK)
