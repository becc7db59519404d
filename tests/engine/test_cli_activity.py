"""``cozysync activity [NAME] [--json]`` (issue 16, item 10): what was synced lately,
kept across runs, through ``python -m cozysync`` against a real WsgiDAV server."""

from __future__ import annotations

from pathlib import Path

from tests.engine.test_cli import Cli, cli, synced_tree  # noqa: F401
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer


def test_activity_lists_what_the_passes_did_newest_first(
    tmp_path: Path,
    cli: Cli,  # noqa: F811
    wsgidav_server: WsgiDavServer,
) -> None:
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "élève.txt").rename(local / "élève-final.txt")
    assert cli("sync", "docs").code == 0

    rows = cli.json("activity", "docs")
    assert rows[0]["path"] == "élève-final.txt"
    assert rows[0]["action"] == "moved_remote" and rows[0]["related_path"] == "élève.txt"
    assert {row["folder"] for row in rows} == {"docs"}
    paths = {row["path"] for row in rows}
    assert {"élève.txt", "image.bin", "Cours/Mathématiques/exercices.txt"} <= paths
    assert [row["at"] for row in rows] == sorted((row["at"] for row in rows), reverse=True)
    assert len(cli.json("activity", "--limit", "2")) == 2

    text = cli("activity")
    assert text.code == 0
    first = text.out.splitlines()[0]
    assert first.endswith("  docs  élève-final.txt: moved on the server from élève.txt")

    wrong = cli("activity", "--limit", "zero")
    assert wrong.code == 2 and "'zero' is not a number of items" in wrong.err

    assert cli("unlink", "docs").code == 0
    assert cli("activity").out == "Nothing synced yet.\n"
