"""``present_error(exc, parent)``: the only place errors become dialogs.  A cozysync
error shows its title and the hint that says what to do; anything else shows a short
"something went wrong" with the log's location."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from cozysync.errors import CozySyncError
from cozysync.i18n import language
from cozysync.logs import pair_logging, pair_of
from cozysync.messages import MessageId
from cozysync_ui.i18n import translate
from cozysync_ui.messages import message_texts

__all__ = ["error_texts", "present_error", "present_problem"]

log = logging.getLogger(__name__)

# errors whose class says little (bad settings or input, any failure): their own words,
# as the CLI does (cozysync.cli.words)
_OWN_WORDS = frozenset({MessageId.ERROR, MessageId.ERROR_FATAL, MessageId.ERROR_CONFIG})


def error_texts(exc: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for the user, in the app's language, as the CLI says
    them (``cozysync.cli.words.error_line``): not in English, its class's title and hint,
    but for the classes that say little, whose own words (a phrase) are translated."""
    if isinstance(exc, CozySyncError):
        where = f"{exc.path}: " if exc.path else ""
        if language() != "en" and exc.message_id not in _OWN_WORDS:
            said = message_texts(exc.message.id, exc.title, exc.hint, exc.message.args)
            return where + said.title, said.hint  # its class's words, translated
        title, hint = exc.said(translate)  # its words in the app's language
        return where + title, hint
    return (
        translate("Errors", "Something went wrong"),
        translate("Errors", "Try again. If it happens again, the log (Preferences) says more."),
    )


def present_error(exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
    """Show ``exc`` in a window-modal message box (returned, already open)."""
    if not isinstance(exc, CozySyncError):
        with pair_logging(pair_of(exc)):  # its traceback may name the pair's files
            log.error("unexpected error shown to the user", exc_info=exc)
    title, hint = error_texts(exc)
    return _message(title, hint, parent)


def present_problem(title: str, hint: str, parent: QWidget | None = None) -> QMessageBox:
    return _message(title, hint, parent)


def _message(title: str, hint: str, parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("cozysync")
    box.setText(title)
    box.setInformativeText(hint)
    box.open()
    return box
