"""Each pair logs to its own rotating file; the app's log names no file of any pair;
``unlink --wipe-local`` removes that pair's logs (rotations too), keeps the others', and
removes the whole log folder with the last pair."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from cozysync import logs
from cozysync.logs import close_logging, pair_log_file, pair_logging, setup_logging
from tests.engine.test_cli import Cli, make_cli
from tests.engine.test_modes_e2e import link
from tests.engine.test_pairs_cli import server_folder
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def log_text(log_dir: Path) -> dict[str, str]:
    """Every file of the log folder (rotations included) and its text."""
    if not log_dir.exists():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in log_dir.rglob("*") if p.is_file()}


def mentions(log_dir: Path, word: str) -> list[str]:
    return sorted(name for name, text in log_text(log_dir).items() if word in text)


def synced_pair(tmp_path: Path, cli: Cli, server: DavServer, name: str, file: str) -> Path:
    local = tmp_path / name
    local.mkdir()
    (local / file).write_text(f"{name}'s work\n", encoding="utf-8")
    link(cli, local, server, name=name, url=server_folder(server, name))
    result = cli("sync", "--once", "--name", name)
    assert result.code == 0, result.err
    return local


def test_unlink_with_removal_removes_the_pairs_logs_and_keeps_the_others(
    tmp_path: Path, cli: Cli, wsgidav_server
):
    log_dir = cli.locations.log_dir
    alice = synced_pair(tmp_path, cli, wsgidav_server, "alice", "alice-journal-intime.txt")
    synced_pair(tmp_path, cli, wsgidav_server, "bob", "bob-devoir-maths.txt")
    # the conflicts a failed command reports name files too: a refused resolve of alice
    assert cli("resolve", str(alice / "alice-brouillon.txt"), "--keep", "local",
               "--name", "alice").code == 1  # fmt: skip
    alice_id, bob_id = cli.folder_id("alice"), cli.folder_id("bob")
    alice_log, bob_log = pair_log_file(log_dir, alice_id), pair_log_file(log_dir, bob_id)
    # each pair's lines are in its own file, none in the app's log
    assert mentions(log_dir, "alice-journal-intime.txt") == [alice_log.name]
    assert mentions(log_dir, "alice-brouillon.txt") == [alice_log.name]
    assert mentions(log_dir, "bob-devoir-maths.txt") == [bob_log.name]
    assert str(alice) not in log_text(log_dir)["cozysync.log"]
    rotated = Path(f"{alice_log}.1")  # an older rotation of alice's log
    rotated.write_text("... uploaded alice-ancien-fichier.txt\n", encoding="utf-8")

    result = cli("unlink", "--wipe-local", "--name", "alice")

    assert result.code == 0, result.err
    for word in ("alice-journal-intime.txt", "alice-brouillon.txt",
                 "alice-ancien-fichier.txt", str(alice)):  # fmt: skip
        assert mentions(log_dir, word) == [], word
    assert not alice_log.exists() and not rotated.exists()
    assert mentions(log_dir, "bob-devoir-maths.txt") == [bob_log.name]  # bob's log stays
    assert "alice" not in log_text(log_dir)["cozysync.log"]  # not even the pair's name

    result = cli("unlink", "--wipe-local", "--name", "bob")  # the last pair

    assert result.code == 0, result.err
    assert not log_dir.exists()


def test_unlink_keeping_the_files_keeps_the_logs(tmp_path: Path, cli: Cli, wsgidav_server):
    synced_pair(tmp_path, cli, wsgidav_server, "carla", "carla-notes.txt")
    log_dir = cli.locations.log_dir
    carla_log = pair_log_file(log_dir, cli.folder_id("carla"))
    assert cli("unlink", "--name", "carla").code == 0
    assert mentions(log_dir, "carla-notes.txt") == [carla_log.name]


def test_a_pairs_log_rotates_on_its_own_and_workers_log_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(logs, "MAX_BYTES", 400)
    log_dir = tmp_path / "logs"
    handler = setup_logging(log_dir / "cozysync.log")
    log = logging.getLogger("cozysync.test")
    try:
        log.info("the app starts")
        with pair_logging("p1"):
            for n in range(20):
                log.info("uploaded cours/chapitre-%d.odt", n)
            worker = threading.Thread(  # a thread started here: the executor's way
                target=lambda pair: (logs.enter_pair(pair), log.info("worker: photo.jpg")),
                args=(logs.current_pair(),),
            )
            worker.start()
            worker.join()
        log.info("the app goes on")
        rotations = sorted(p.name for p in log_dir.glob("folder-p1.log*"))
        assert rotations == ["folder-p1.log", *(f"folder-p1.log.{n}" for n in (1, 2, 3))]
        logs.remove_pair_logs(log_dir, "p1")
        assert sorted(p.name for p in log_dir.iterdir()) == ["cozysync.log"]
        with pair_logging("p1"):
            log.info("again: devoir.txt")  # the closed file opens again
        assert "devoir.txt" in pair_log_file(log_dir, "p1").read_text(encoding="utf-8")
    finally:
        close_logging(handler)
    app = (log_dir / "cozysync.log").read_text(encoding="utf-8")
    assert "the app starts" in app and "the app goes on" in app
    assert "chapitre" not in app and "photo.jpg" not in app and "devoir" not in app
    assert pair_log_file(log_dir, "p1").stat().st_mode & 0o077 == 0
