"""Translations: every user-facing string goes through ``translate(context, text)``
(Qt's ``QCoreApplication.translate``, which ``pyside6-lupdate`` extracts).  French comes
from ``resources/i18n/cozysync_fr.qm``, built from the ``.ts`` next to it by
``python -m cozysync_ui.build_translations``.  The language is the user's choice in the
preferences, else the system locale's; installing it also tells the engine
(``cozysync.i18n.use_language``), so its words (share lines, errors, sizes) shown in the
app's windows are in the same language, whatever LANG says."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from cozysync import i18n as engine_i18n

__all__ = [
    "I18N_DIR",
    "LANGUAGES",
    "Translators",
    "install_translators",
    "pick_language",
    "translate",
]

translate = QCoreApplication.translate

I18N_DIR = Path(__file__).parent / "resources" / "i18n"
LANGUAGES = ("en", "fr")  # English is the source; its catalogue only holds plural forms


def pick_language(setting: str, system_locale: QLocale | None = None) -> str:
    """``setting`` ("auto", "en", "fr") resolved against the system locale."""
    if setting in LANGUAGES:
        return setting
    locale = system_locale if system_locale is not None else QLocale.system()
    code = locale.name().split("_")[0]
    return code if code in LANGUAGES else "en"


class Translators:
    """The translators installed on the application, removable as a whole; while
    installed, the engine's words are in their language too."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._installed: list[QTranslator] = []
        self._engine_before: list[str | None] = []  # the engine's language before install

    def install(self, app: QCoreApplication) -> None:
        if not self._engine_before:
            self._engine_before.append(engine_i18n.chosen_language())
        engine_i18n.use_language(self.language)
        ours = QTranslator(app)
        if ours.load(str(I18N_DIR / f"cozysync_{self.language}.qm")):
            app.installTranslator(ours)
            self._installed.append(ours)
        if self.language == "en":
            return
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)  # standard buttons and context menus
        if qtbase.load(f"qtbase_{self.language}", qt_dir):
            app.installTranslator(qtbase)
            self._installed.append(qtbase)

    def remove(self, app: QCoreApplication) -> None:
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        if self._engine_before:
            engine_i18n.use_language(self._engine_before[0])
            self._engine_before.clear()


def install_translators(
    app: QCoreApplication, setting: str = "auto", system_locale: QLocale | None = None
) -> Translators:
    translators = Translators(pick_language(setting, system_locale))
    translators.install(app)
    return translators
