"""An error's own words in the user's language (issue 16, item 6; issue 19, item 5):
a bad folder name, a bad ``--for``, an unknown setting in the IT preset file, said in
French with ``LANG=fr_FR.UTF-8`` and in English otherwise, through the in-process CLI;
the log keeps the English."""

from __future__ import annotations

from pathlib import Path

from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.test_cli import make_cli

FRENCH = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH = {"LANG": "en_GB.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


def cli_in(tmp_path: Path, language: dict[str, str], **env: str) -> InProcessCli:
    cli = make_cli(tmp_path)
    return InProcessCli(cli.home, {**cli.env, **language, **env})


def test_a_folder_name_that_is_not_linked_in_french_and_in_english(tmp_path: Path):
    french = cli_in(tmp_path, FRENCH)("status", "Maths")
    assert french.code != 0
    assert french.err == (
        "cozysync: aucun dossier n’est lié, donc aucun ne s’appelle « Maths » "
        "(Liez-en d’abord un : cozysync link DOSSIER URL)\n"
    )
    english = cli_in(tmp_path, ENGLISH)("status", "Maths")
    assert (english.code, english.err) == (
        french.code,
        "cozysync: no folder is linked, so none is named 'Maths' "
        "(Link one first: cozysync link DIR URL)\n",
    )
    log = in_process(make_cli(tmp_path)).locations.log_file.read_text(encoding="utf-8")
    assert "none is named 'Maths'" in log and "Maths »" not in log  # the log stays English


def test_a_bad_pause_duration_in_french(tmp_path: Path):
    french = cli_in(tmp_path, FRENCH)("pause", "--for", "demain")
    assert french.code == 2
    assert "« demain » n’est pas une durée : donnez par exemple 30m, 1h" in french.err
    english = cli_in(tmp_path, ENGLISH)("pause", "--for", "demain")
    assert "'demain' is not a duration: give e.g. 30m, 1h" in english.err
    limit = cli_in(tmp_path, FRENCH)("bandwidth", "--up", "vite")
    assert limit.code == 2
    assert "« vite » n’est pas un nombre entier de Kio/s (0 : pas de limite)" in limit.err


def test_an_unknown_setting_in_the_it_preset_file_in_french(tmp_path: Path):
    preset = tmp_path / "etc" / "cozysync" / "defaults.toml"
    preset.parent.mkdir(parents=True)
    preset.write_text('server = "https://cloud.example"\nca_file = "/tmp/ca.pem"\n')
    env = {"XDG_CONFIG_DIRS": str(tmp_path / "etc")}
    french = cli_in(tmp_path, FRENCH, **env)("link", str(tmp_path / "Docs"))
    assert french.code != 0
    assert f"réglage inconnu « ca_file » dans le fichier de préréglages {preset}" in french.err
    assert "(Réglages connus : " in french.err and "unknown setting" not in french.err
    english = cli_in(tmp_path, ENGLISH, **env)("link", str(tmp_path / "Docs"))
    assert f"unknown setting 'ca_file' in the defaults file {preset}" in english.err
