"""The language chosen in the preferences is the engine's too (issue 16, item 6): the
tray app starts in the language saved in ``gui.ini`` (``main``: ``UiSettings`` then
``install_translators``), and the engine's own words shown in its windows (share lines,
refusals, sizes: ``cozysync.i18n.translate``) follow it, not LANG.  Real Qt offscreen,
the real service linked to a real WsgiDAV server (which cannot share: the Share dialog
says so in the engine's words)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cozysync import i18n
from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync_ui.dialogs.share_dialog import ShareDialog, share_ops
from cozysync_ui.i18n import Translators, install_translators
from cozysync_ui.settings import UiSettings


@pytest.fixture
def system_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Sets the system's locale variables as a desktop session would."""

    def set_to(locale_name: str) -> None:
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", locale_name)

    yield set_to


def _start_in_saved_language(qapp, english: Translators, chosen: str) -> Translators:
    """The preferences saved ``chosen``; the app starts as ``cozysync_ui.app.main`` does."""
    english.remove(qapp)  # the tests' default English
    UiSettings(Locations.from_env().config_dir).set("language", chosen)
    return install_translators(qapp, UiSettings(Locations.from_env().config_dir).language)


def _share_dialog(qtbot, service: SyncService, local_dir: Path) -> ShareDialog:
    dialog = ShareDialog(share_ops(service, str(local_dir / "élève.txt")))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.busy == 0, timeout=30_000)
    return dialog


def test_french_chosen_on_an_english_system(
    qtbot, qapp, english, system_locale, service: SyncService, local_dir: Path
):
    system_locale("C")
    translators = _start_in_saved_language(qapp, english, "fr")
    try:
        dialog = _share_dialog(qtbot, service, local_dir)
        assert dialog.windowTitle() == "Partager élève.txt"  # Qt's catalogue
        problem = dialog.problem.text()  # the engine's words (cozysync/share_words.py)
        assert problem.startswith("ce serveur ne sait pas partager"), problem
        assert i18n.language() == "fr"
        dialog.close()
    finally:
        translators.remove(qapp)
    assert i18n.chosen_language() is None  # removed: the locale's variables again
    assert i18n.language() == "en"


def test_english_chosen_on_a_french_system(
    qtbot, qapp, english, system_locale, service: SyncService, local_dir: Path
):
    system_locale("fr_FR.UTF-8")
    translators = _start_in_saved_language(qapp, english, "en")
    try:
        dialog = _share_dialog(qtbot, service, local_dir)
        assert dialog.windowTitle() == "Share élève.txt"
        problem = dialog.problem.text()
        assert problem.startswith("this server cannot share:"), problem
        assert i18n.language() == "en"
        dialog.close()
    finally:
        translators.remove(qapp)
    assert i18n.language() == "fr"  # the CLI, another process, still follows LANG


def test_an_unknown_language_is_refused_and_none_goes_back_to_the_locale(system_locale):
    system_locale("fr_FR.UTF-8")
    with pytest.raises(ValueError, match="de"):
        i18n.use_language("de")
    i18n.use_language("en")
    try:
        assert i18n.language() == "en"
        assert i18n.language({"LANG": "fr_FR.UTF-8"}) == "fr"  # an explicit environment decides
    finally:
        i18n.use_language(None)
    assert i18n.language() == "fr"
