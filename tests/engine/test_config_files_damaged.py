"""Settings files a person edited by hand, or a disk half-wrote (issue 14): ``folders.json``
and ``settings.json`` with wrong types, missing keys or unknown values.  Each gives one
clear line naming the file and what is wrong (English and French), and the file stays as
it was: nothing is rewritten or lost.  Real files under a real ``COZYSYNC_HOME``; the CLI
in process (tests/engine/inprocess_cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cozysync.config import FolderConfig, FolderStore, unique_name
from cozysync.errors import ConfigError
from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.test_cli import make_cli

FRENCH = {"LANGUAGE": "fr", "LANG": "fr_FR.UTF-8", "LC_ALL": ""}
ENGLISH = {"LANG": "en_GB.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
GOOD_FOLDER = {
    "name": "Cours", "local_root": "/home/eleve/Cours", "remote_url": "https://cloud.example/dav",
    "user": "eleve", "folder_id": "f1",
}  # fmt: skip


def _cli(tmp_path: Path) -> tuple[InProcessCli, Path]:
    runner = in_process(make_cli(tmp_path))
    runner.env.update(ENGLISH)
    config = runner.home / "config"
    config.mkdir(parents=True, exist_ok=True)
    return runner, config


def _refused(runner: InProcessCli, path: Path, *args: str) -> str:
    before = path.read_bytes()
    done = runner(*args)
    assert done.code != 0
    assert done.err.count("\n") == 1 and "Traceback" not in done.err, done.err
    assert str(path) in done.err, done.err  # the file to fix is named
    assert path.read_bytes() == before  # nothing rewritten, nothing lost
    return done.err


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ({"upload_limit_kib": "fast"}, "upload_limit_kib must be a number of KiB/s, not 'fast'"),
        ({"download_limit_kib": -5}, "download_limit_kib must be a number of KiB/s, not -5"),
        ({"paused": "yes"}, "paused/paused_until are not valid"),
        ({"paused": True, "paused_until": "demain"}, "paused/paused_until are not valid"),
        ({"proxy_mode": "socks"}, "proxy_mode/proxy_secret_store are not valid"),
        ({"proxy_secret_store": "wallet"}, "proxy_mode/proxy_secret_store are not valid"),
        ({"proxy_mode": "manual", "proxy_url": 3128}, "proxy_url must be text, not 3128"),
        ({"proxy_mode": "manual"}, "proxy_mode is manual but proxy_url is missing"),
        ({"proxy_mode": "pac", "proxy_pac_url": ""}, "proxy_mode is pac but proxy_pac_url"),
    ],
)
def test_a_wrong_app_setting_is_named_with_its_file(
    tmp_path: Path, settings: dict[str, object], said: str
) -> None:
    runner, config = _cli(tmp_path)
    path = config / "settings.json"
    path.write_text(json.dumps({"version": 1, **settings}), encoding="utf-8")
    assert said in _refused(runner, path, "proxy")


def test_a_settings_file_that_is_not_an_object_is_damaged(tmp_path: Path) -> None:
    runner, config = _cli(tmp_path)
    path = config / "settings.json"
    path.write_text('["system"]', encoding="utf-8")
    assert "is damaged" in _refused(runner, path, "proxy")
    french = InProcessCli(runner.home, {**runner.env, **FRENCH})
    done = french("proxy")
    assert done.code != 0 and "Traceback" not in done.err
    assert str(path) in done.err and "is damaged" not in done.err  # said in French


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"excluded_folders": "Brouillons"}, "the excluded folders of 'Cours' are not valid"),
        ({"excluded_folders": ["ok", 3]}, "the excluded folders of 'Cours' are not valid"),
        ({"paused": "no"}, "the settings of the folder 'Cours' are not valid"),
        ({"mode": "mirror"}, "the settings of the folder 'Cours' are not valid"),
        ({"secret_store": "post-it"}, "the settings of the folder 'Cours' are not valid"),
        ({"folder_id": ""}, "the settings of the folder 'Cours' are not valid"),
        ({"local_root": None}, "a linked folder's settings are incomplete"),
    ],
)
def test_a_wrong_folder_setting_is_named_with_its_file(
    tmp_path: Path, change: dict[str, object], said: str
) -> None:
    runner, config = _cli(tmp_path)
    path = config / "folders.json"
    folder = {k: v for k, v in {**GOOD_FOLDER, **change}.items() if v is not None}
    path.write_text(json.dumps({"version": 1, "folders": [folder]}), encoding="utf-8")
    assert said in _refused(runner, path, "list")


def test_the_good_folder_file_loads_and_a_second_link_of_a_name_is_refused(tmp_path: Path) -> None:
    store = FolderStore(tmp_path / "folders.json")
    store.save([FolderConfig.from_json(GOOD_FOLDER)])
    before = store.path.read_bytes()
    with pytest.raises(ConfigError, match="a folder named 'Cours' is already linked"):
        store.add(FolderConfig.from_json({**GOOD_FOLDER, "folder_id": "f2"}))
    assert store.path.read_bytes() == before  # the first folder is kept as it was
    assert [f.name for f in store.load()] == ["Cours"]
    assert unique_name("Cours", {"Cours", "Cours 2"}) == "Cours 3"
    assert unique_name("  ", set()) == "folder"
