"""Several pairs through ``python -m cozysync``: overlapping pairs (local or on the
server) are refused, ``list`` shows them all, ``run`` without ``--name`` serves them all
at once and stops them all cleanly.  The links that set a test up, and the refused ones
(the refusal is the engine's, not the process's), run in this process
(tests/engine/inprocess_cli.py); ``list``, ``sync`` and ``run`` are real processes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, make_cli
from tests.engine.test_modes_e2e import files, link
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer, WsgiDavServer


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def server_folder(server: DavServer, rel: str) -> str:
    """The URL of a folder made on the server's disk."""
    server.write(f"{rel}/.placeholder", b"")
    (server.root / rel / ".placeholder").unlink()
    return f"{server.url}{rel}/"


def try_link(cli: Cli, local: Path, url: str, server: DavServer, name: str):
    return in_process(cli)(
        "link", str(local), url, "--user", server.user, "--password-stdin", "--name", name,
        stdin=f"{server.password}\n",
    )  # fmt: skip


# --- overlap --------------------------------------------------------------------------------


def test_overlapping_local_folders_are_refused(tmp_path: Path, cli: Cli, wsgidav_server):
    docs = tmp_path / "Documents"
    url = server_folder(wsgidav_server, "docs")
    link(in_process(cli), docs, wsgidav_server, name="docs", url=url)
    other = server_folder(wsgidav_server, "other")
    for local in (docs, docs / "Cours", tmp_path):  # same, inside, around
        refused = try_link(cli, local, other, wsgidav_server, "second")
        assert refused.code == 1
        assert "overlaps the linked folder 'docs'" in refused.err
    assert [f["name"] for f in cli.folders()] == ["docs"]


def test_overlapping_server_folders_are_refused(tmp_path: Path, cli: Cli, dav_server):
    url = server_folder(dav_server, "classes/docs")  # ASCII: WsgiDAV answers OPTIONS 404 on
    # a percent-encoded non-ASCII path (reported), so link refuses such an address there
    link(in_process(cli), tmp_path / "Documents", dav_server, name="docs", url=url)
    base = dav_server.url
    spellings = [
        url,  # the same
        url.rstrip("/"),  # without the slash
        base + "cl%61sses/docs/",  # percent-encoded
        base + "classes//docs/./",  # doubled slash, dot segment
        base + "classes/docs/Cours/",  # inside
        base + "classes/",  # around
        base,  # around: the whole server
        url.replace("http://", "HTTP://"),  # the scheme in capitals
    ]
    for n, spelling in enumerate(spellings):
        refused = try_link(cli, tmp_path / f"other{n}", spelling, dav_server, f"other{n}")
        assert refused.code == 1, spelling
        assert "overlaps the server folder of the linked folder 'docs'" in refused.err
    beside = server_folder(dav_server, "classes/docs 2")  # a sibling whose name starts alike
    assert try_link(cli, tmp_path / "beside", beside, dav_server, "beside").code == 0
    assert [f["name"] for f in cli.folders()] == ["docs", "beside"]


def test_the_same_path_on_another_server_is_no_overlap(
    tmp_path: Path, cli: Cli, wsgidav_server, apache_server
):
    url_a = server_folder(wsgidav_server, "x")
    link(in_process(cli), tmp_path / "A", wsgidav_server, name="a", url=url_a)
    url = server_folder(apache_server, "x")
    assert try_link(cli, tmp_path / "B", url, apache_server, "b").code == 0


# --- list and run -----------------------------------------------------------------------------


def two_pairs(tmp_path: Path, cli: Cli, server: DavServer) -> tuple[Path, Path]:
    docs, photos = tmp_path / "Documents", tmp_path / "Photos"
    setup = in_process(cli)
    link(setup, docs, server, name="docs", url=server_folder(server, "docs"))
    link(setup, photos, server, name="photos", mode="backup",
         url=server_folder(server, "photos"))  # fmt: skip
    return docs, photos


def test_list_shows_every_pair_with_its_mode_folder_server_and_state(
    tmp_path: Path, cli: Cli, wsgidav_server
):
    docs, photos = two_pairs(tmp_path, cli, wsgidav_server)
    assert cli.sync("--name", "docs").code == 0
    listed = cli("list")
    assert listed.code == 0, listed.err
    lines = listed.out.splitlines()
    assert lines[0] == f"docs [two-way]: {docs} <-> {wsgidav_server.url}docs/ (up to date)"
    assert lines[1] == (f"photos [backup]: {photos} <-> {wsgidav_server.url}photos/ (never synced)")
    ambiguous = cli.sync()
    assert ambiguous.code == 1
    assert "choose one with --name (docs, photos)" in ambiguous.err


def run_all(cli: Cli, out_path: Path) -> subprocess.Popen[bytes]:
    with open(out_path, "w") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "cozysync", "run"],
            env=cli.env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip


def stop(proc: subprocess.Popen[bytes], signum: int) -> int:
    try:
        proc.send_signal(signum)
        return proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_run_serves_every_pair_at_once_and_stops_them_all(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer, signum: int
):
    docs, photos = two_pairs(tmp_path, cli, wsgidav_server)
    (docs / "avant.txt").write_text("before run\n", encoding="utf-8")
    out_path = tmp_path / "run.out"
    proc = run_all(cli, out_path)
    try:
        shown = out_path.read_text
        assert wait_for(lambda: "docs: up to date" in shown() and "photos: up to date" in shown())
        (docs / "pendant.txt").write_text("écrit pendant run\n", encoding="utf-8")
        (photos / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
        server = wsgidav_server.root
        assert wait_for(lambda: (server / "docs" / "pendant.txt").exists())
        assert wait_for(lambda: (server / "photos" / "photo.jpg").exists())
        assert wait_for(lambda: files(server / "docs") == files(docs))
        assert wait_for(lambda: files(server / "photos") == files(photos))
        second = cli.sync("--name", "photos")
        assert second.code == 6  # each pair's lock is held by the running process
    finally:
        code = stop(proc, signum)
    assert code == 0, out_path.read_text()
    assert "Stopped." in out_path.read_text()
    assert cli.sync("--name", "docs").code == 0  # both locks released
    assert cli.sync("--name", "photos").code == 0


def test_run_serves_the_other_pairs_when_one_cannot_start(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    docs, photos = two_pairs(tmp_path, cli, wsgidav_server)
    (photos / ".cozysync").unlink()  # its marker is gone: the root guard stops it
    out_path = tmp_path / "run.out"
    proc = run_all(cli, out_path)
    try:
        assert wait_for(lambda: "docs: up to date" in out_path.read_text())
        assert "photos: the marker .cozysync is gone" in out_path.read_text()
        (docs / "pendant.txt").write_text("still served\n", encoding="utf-8")
        target = wsgidav_server.root / "docs" / "pendant.txt"
        assert wait_for(lambda: target.exists() and target.read_bytes() == b"still served\n")
    finally:
        code = stop(proc, signal.SIGTERM)
    assert code == 5  # the guard's exit code, once stopped
