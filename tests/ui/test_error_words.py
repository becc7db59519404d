"""An error's own words in the app's language (issue 16, item 6): the dialogs of the
wizard and the window (``present_error``) show a ``phrase`` translated by Qt from the
same catalogue as the CLI; English words written in place stay as they are."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from cozysync.errors import AuthError, ConfigError, CozySyncError
from cozysync.phrases import phrase
from cozysync_ui.errors import error_texts, present_error


def a_bad_address() -> ConfigError:
    return ConfigError(
        phrase("{url!r} is not a server address", url="ftp://école.example/dav"),
        phrase("Give a full address like https://host/dav/"),
    )


def test_a_config_error_in_the_dialog_in_french(qtbot, french):
    box = present_error(a_bad_address())
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
    assert box.text() == "« ftp://école.example/dav » n’est pas une adresse de serveur"
    assert box.informativeText() == "Donnez une adresse complète comme https://serveur/dav/"
    box.close()


def test_the_same_error_in_english_and_free_words_as_they_are(qapp):
    assert error_texts(a_bad_address()) == (
        "'ftp://école.example/dav' is not a server address",
        "Give a full address like https://host/dav/",
    )
    free = CozySyncError("words of a newer engine", "nothing to translate", path="a.txt")
    assert error_texts(free) == ("a.txt: words of a newer engine", "nothing to translate")


def test_an_error_in_english_words_shows_its_class_words_in_french(qtbot, french):
    refused = AuthError("login refused by cloud.example (401)")
    title, hint = error_texts(refused)
    assert title == "Votre cloud a refusé la connexion"
    assert hint.startswith("Choisissez « Se reconnecter »")  # the app's own hint
    assert error_texts(CozySyncError("words of a newer engine")) == (
        "words of a newer engine",
        "",
    )  # a class that says little keeps its words
