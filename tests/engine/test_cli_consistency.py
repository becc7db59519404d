"""The CLI says things one way (issue 16, item 12): a folder's NAME after the command in
every command (``--name NAME`` still works), ``--keep mine|theirs|both`` as the conflict
window says it, "did you mean" on a typo, ``folders --exclude`` refusing a folder that
is nowhere, ``link`` to a server it cannot reach exiting 3, no traceback when the reader
of the output leaves (``| head``), and ``--version`` importing none of the engine.
Through ``python -m cozysync`` against a real WsgiDAV server, as the user types it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cozysync.cli.folder_name import settle_folder_name
from cozysync.cli.main import build_parser
from cozysync.cli.parser import CommandParser
from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.engine.test_cli_flows import make_conflict
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer, free_port

EXIT_OFFLINE = 3
EXIT_OUTPUT_CLOSED = 141
MINE, THEIRS = "version de cet ordinateur\n", "version du serveur, plus longue\n"


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def command_parsers() -> dict[str, CommandParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert sub.choices is not None
    return dict(sub.choices.items())  # type: ignore[arg-type]


def dests(parser: CommandParser) -> dict[str, list[str]]:
    return {a.dest: list(a.option_strings) for a in parser._actions}


def test_every_command_naming_a_linked_folder_takes_name_and_the_name_option():
    taking = set()
    for name, parser in command_parsers().items():
        found = dests(parser)
        if name == "link":  # --name is the new link's name there
            assert found["name"] == ["--name"]
            continue
        if "name" not in found and "name_option" not in found:
            continue
        taking.add(name)
        assert parser.get_default("names_a_folder"), name  # checked before it runs
        assert found["name_option"] == ["--name"], name
        if name == "restore":  # restore reads [NAME] [REMOTE_PATH] DEST itself
            continue
        if "path" in found and "name" not in found:  # a file's PATH names its folder
            continue  # (versions, share...): --name only for two folders holding it
        assert found["name"] == [], name  # NAME after the command
    assert taking >= {
        "unlink", "sync", "run", "restore", "export", "relink", "folders", "pause",
        "resume", "status", "conflicts", "resolve", "login",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("words", "name", "remote_path", "dest"),
    [
        (["D"], None, "", "D"),
        (["docs", "D"], "docs", "", "D"),
        (["docs", "Cours", "D"], "docs", "Cours", "D"),
        (["--name", "docs", "D"], "docs", "", "D"),
        (["Cours", "--name", "docs", "D"], "docs", "Cours", "D"),
    ],
)
def test_restore_reads_its_words(words: list[str], name, remote_path: str, dest: str):
    args = build_parser().parse_args(["restore", *words])
    args.arrange(args)
    settle_folder_name(args)
    assert (args.name, args.remote_path, args.dest) == (name, remote_path, dest)


def test_name_after_the_command_or_as_option_in_any_order(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    synced_tree(tmp_path, cli, wsgidav_server)
    cli = in_process(cli)  # the parser's and the commands' answers: no process needed
    for args in (("status", "docs"), ("status", "--name", "docs"), ("status",)):
        result = cli(*args)
        assert result.code == 0, (args, result.err)
    assert cli("sync", "docs").code == 0
    assert cli("sync", "--once", "--name", "docs").code == 0
    assert cli("pause", "--name", "docs").code == 0
    assert json.loads(cli("status", "docs", "--json").out)[0]["state"] == "paused"
    assert cli("resume", "docs").code == 0
    exported = cli("export", "docs", "--zip", str(tmp_path / "copy"))  # options between
    assert exported.code == 0, exported.err
    assert (tmp_path / "copy.zip").is_file()
    assert cli("export", str(tmp_path / "copy2"), "--name", "docs").code == 0
    assert (tmp_path / "copy2" / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"
    assert cli("restore", str(tmp_path / "r1"), "--name", "docs").code == 0
    assert (tmp_path / "r1" / "élève.txt").is_file()
    assert cli("restore", "docs", str(tmp_path / "r2")).code == 0
    assert (tmp_path / "r2" / "image.bin").is_file()
    two = cli("status", "docs", "--name", "other")
    assert two.code == 1
    assert "two folder names were given, 'docs' and 'other'" in two.err


def test_keep_takes_the_conflict_windows_words(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local, conflict = make_conflict(tmp_path, cli, wsgidav_server)
    kept = cli("resolve", "docs", "élève.txt", "--keep", "theirs")
    assert kept.code == 0, kept.err
    assert "kept the cloud's version" in kept.out
    assert cli.sync().code == 0
    for side in (local, wsgidav_server.root):
        assert (side / "élève.txt").read_text(encoding="utf-8") == THEIRS
        assert not (side / conflict["conflict_path"]).exists()
    help_text = cli("resolve", "--help").out
    assert "mine|theirs|both" in help_text and "Keep" not in help_text.split("--keep")[0]


def test_keep_mine(tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer):
    make_conflict(tmp_path, cli, wsgidav_server)
    kept = cli("resolve", "élève.txt", "--keep", "mine")
    assert kept.code == 0, kept.err
    assert "kept this computer's version" in kept.out
    assert cli.sync().code == 0
    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") == MINE


def test_did_you_mean_on_a_command_an_option_a_choice_and_a_folder(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    synced_tree(tmp_path, cli, wsgidav_server)
    command = cli("stauts")
    assert command.code == 2
    assert "'stauts' is not a cozysync command. Did you mean status?" in command.err
    option = cli("status", "--jsno")
    assert option.code == 2
    assert "--jsno is not an option of 'cozysync status'. Did you mean --json?" in option.err
    choice = cli("resolve", "élève.txt", "--keep", "mien")
    assert choice.code == 2
    assert "'mien' is not a choice of --keep" in choice.err and "Did you mean mine?" in choice.err
    for typed in ("Docs", "dcos"):
        folder = cli("status", typed)
        assert folder.code == 1
        assert f"no linked folder is named '{typed}' (Did you mean 'docs'?" in folder.err
    far = cli("sync", "--name", "holidays")
    assert far.code == 1 and "Did you mean" not in far.err and "cozysync list" in far.err
    missing = cli("resolve", "élève.txt")
    assert missing.code == 2
    assert "Something is missing: --keep. See what it takes with: cozysync resolve --help" in (
        missing.err
    )
    both = cli("sync", "--confirm-deletes", "--put-back")
    assert both.code == 2 and "cannot be given together: choose one." in both.err
    for result in (command, option, choice, folder, far, missing, both):
        assert "Traceback" not in result.err and "error:" not in result.err


def test_folders_exclude_refuses_a_folder_that_is_nowhere_and_names_the_right_case(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    cli = in_process(cli)  # the parser's and the commands' answers: no process needed
    (wsgidav_server.root / "Photos").mkdir()
    settings = cli.locations.folders_file.read_text(encoding="utf-8")

    slip = cli("folders", "docs", "--exclude", "photos")
    assert slip.code == 1
    assert "no folder named 'photos'" in slip.err
    assert "Did you mean 'Photos'? Upper and lower case count" in slip.err
    nowhere = cli("folders", "docs", "--exclude", "Cours", "--exclude", "Vacances")
    assert nowhere.code == 1 and "'Vacances'" in nowhere.err
    assert cli.locations.folders_file.read_text(encoding="utf-8") == settings  # nothing saved

    assert cli("folders", "docs", "--exclude", "Photos").code == 0  # only on the server
    assert cli("folders", "--name", "docs", "--exclude", "Cours/").code == 0  # both sides
    assert cli.folders()[0]["excluded_folders"] == ["Photos", "Cours"]
    include = cli("folders", "docs", "--include", "cours")
    assert include.code == 1 and "Did you mean 'Cours'?" in include.err
    assert cli.folders()[0]["excluded_folders"] == ["Photos", "Cours"]
    wsgidav_server.stop()  # offline: a folder that is here may still be excluded again
    assert cli("folders", "docs", "--exclude", "Cours").code == 0
    offline = cli("folders", "docs", "--exclude", "Musique")
    assert offline.code == EXIT_OFFLINE, offline.err
    assert (local / "Cours").is_dir()


def test_link_to_a_server_it_cannot_reach_exits_3(tmp_path: Path, cli: Cli):
    for url in (f"http://127.0.0.1:{free_port()}/dav/", "https://cozysync-test.invalid/dav/"):
        result = cli("link", str(tmp_path / "D"), url, "--user", "a", "--password-stdin",
                     stdin="pw\n")  # fmt: skip
        assert result.code == EXIT_OFFLINE, result.err
        assert "cannot reach" in result.err and "Traceback" not in result.err
    assert cli.folders() == []


def run_into_closed_pipe(cli: Cli, *args: str) -> subprocess.CompletedProcess[str]:
    """``cozysync ARGS`` whose reader has already left (``| head`` that has its line)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "cozysync", *args], stdout=write_end,
            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=cli.env,
            timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)


def test_a_closed_output_ends_quietly(tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer):
    synced_tree(tmp_path, cli, wsgidav_server)
    for args in (("status",), ("list",), ("folders", "docs"), ("--version",), ("--help",)):
        closed = run_into_closed_pipe(cli, *args)
        assert closed.stderr == "", (args, closed.stderr)
        expected = 0 if args == ("--help",) else EXIT_OUTPUT_CLOSED  # argparse drops it
        assert closed.returncode == expected, (args, closed.returncode)
    shell = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m cozysync status | head -1"],
        capture_output=True, text=True, env=cli.env, timeout=120, check=False,
    )  # fmt: skip
    assert shell.stderr == ""
    assert shell.stdout.startswith("docs")


def test_version_imports_none_of_the_engine(cli: Cli):
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cozysync", "--version"],
        capture_output=True, text=True, env=cli.env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout == "cozysync 0.1.0\n"
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "cozysync.cli.main" in imported  # the report is read right
    heavy = {"httpx", "peewee", "PySide6", "sqlite3", "keyring", "cozysync.api"}
    assert not {m for m in imported if m.split(".")[0] in heavy or m in heavy}
