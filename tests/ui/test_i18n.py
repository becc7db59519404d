"""Every user-facing string is in the French catalogue, the built catalogues match their
sources, and the main surfaces show French under a French locale."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractButton, QLabel, QWizard

from cozysync.messages import MessageId
from cozysync_ui import build_translations
from cozysync_ui.dialogs.conflict import ConflictDialog
from cozysync_ui.dialogs.wizard import FirstRunWizard
from cozysync_ui.i18n import I18N_DIR, pick_language
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.messages import MessageTexts, known_ids, message_texts
from cozysync_ui.tray import menu_texts

TIMEOUT_MS = 30_000
needs_lrelease = pytest.mark.skipif(
    shutil.which("pyside6-lrelease") is None, reason="pyside6-lrelease is not installed"
)


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def english_sources() -> set[str]:
    return {source for _context, source in messages(I18N_DIR / "cozysync_fr.ts")}


def test_every_string_in_the_code_is_translated_in_french():
    in_code = set(build_translations.strings_in_code())
    shipped = messages(I18N_DIR / "cozysync_fr.ts")
    update = "run: python -m cozysync_ui.build_translations --update"
    assert in_code - set(shipped) == set(), update
    assert set(shipped) - in_code == set(), update  # nothing stale either
    for key, message in shipped.items():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, key
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        assert all(forms), key
        assert ("%n" in key[1]) == (message.get("numerus") == "yes"), key


def test_english_has_every_plural_form():
    for key, message in messages(I18N_DIR / "cozysync_en.ts").items():
        if "%n" in key[1]:
            forms = [f.text for f in message.iter("numerusform")]
            assert len(forms) == 2 and all(forms), key


@needs_lrelease
def test_the_shipped_catalogues_are_built_from_their_sources(tmp_path: Path):
    for language in ("en", "fr"):
        shutil.copy(I18N_DIR / f"cozysync_{language}.ts", tmp_path)
    for qm in build_translations.release(tmp_path):
        assert qm.read_bytes() == (I18N_DIR / qm.name).read_bytes(), qm.name


def test_french_is_picked_from_the_system_locale():
    assert pick_language("auto", QLocale("fr_FR")) == "fr"
    assert pick_language("auto", QLocale("fr_BE")) == "fr"
    assert pick_language("auto", QLocale("de_DE")) == "en"
    assert pick_language("en", QLocale("fr_FR")) == "en"


def visible_texts(widget) -> list[str]:
    labels = [w.text() for w in widget.findChildren(QLabel) if w.text()]
    buttons = [w.text() for w in widget.findChildren(QAbstractButton) if w.text()]
    return labels + buttons


def assert_all_french(texts: list[str]) -> None:
    english = english_sources() - {"Menu", "%1: %2"}
    untranslated = [t for t in texts if t.strip() in english]
    assert untranslated == []


def test_the_window_and_its_menu_speak_french(qtbot, french, make_app, local_dir):
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.window.recent_list.count() == 3)
    assert app.window.headline.text() == "À jour"
    qtbot.waitUntil(lambda: app.window.detail.text().startswith("Dernière synchronisation à"))
    assert app.window.sync_now.text() == "Synchroniser maintenant"
    texts = menu_texts(app.window.menu)
    assert "Ouvrir mon cloud dans le navigateur" in texts
    assert "  élève.txt — envoyé dans le cloud" in texts
    assert_all_french(texts + visible_texts(app.window))


def test_the_conflict_dialog_and_the_wizard_speak_french(qtbot, french, tmp_path: Path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_text("cloud\n")
    (root / "a (conflict pc 2024-01-02 030405).txt").write_text("moi\n")
    from cozysync.api import ConflictInfo

    conflict = ConflictInfo("docs", "a.txt", "a (conflict pc 2024-01-02 030405).txt", 0.0)
    dialog = ConflictDialog(conflict, root)
    qtbot.addWidget(dialog)
    texts = visible_texts(dialog)
    assert "Garder les deux" in texts and "Taille : 6 octets" in texts
    assert_all_french(texts)
    wizard = FirstRunWizard(lambda request: None)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Suivant"
    assert wizard.cloud_page.title() == "Où est votre cloud ?"
    assert_all_french(visible_texts(wizard.cloud_page))


def test_every_engine_message_has_words_in_the_app():
    ids = {m.value for m in MessageId if not m.value.startswith("status.")}
    assert ids - known_ids() == set()  # a new engine message needs its title and hint here


def test_engine_messages_speak_french(french):
    texts = message_texts(MessageId.ERROR_QUOTA_EXCEEDED, "quota exceeded", "Free space.")
    assert texts == MessageTexts(
        "Votre cloud est plein",
        "Libérez de la place dans votre cloud, puis synchronisez à nouveau.",
    )
    unknown = message_texts("error.from_a_newer_engine", "english title", "english hint")
    assert unknown == MessageTexts("english title", "english hint")
