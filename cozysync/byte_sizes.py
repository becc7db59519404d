"""A number of bytes in words: "512 bytes", "1.2 MB"; in French "512 octets",
"1,2 Mo" (the units from the catalogue, context "CLI", and the decimal comma).

The one place sizes are written for people: the CLI's output (progress, restore,
export, versions) and the engine's own messages.  It needs only ``cozysync.i18n``, so
anything may import it without the engine.  A size counts in steps of 1024 ("1.0 KB" is
1,024 bytes, as file managers and the app's Qt sizes count), or of 1000 where a server
counts that way (``step=1000``: a Cozy's quota).  The app's windows write their sizes
with it too (versions, conflicts, progress, quota), in the language the app chose
(``cozysync.i18n.use_language``), so the CLI and the app say "2.0 KB" / "2,0 ko" alike.
"""

from __future__ import annotations

from cozysync.i18n import language, translate

__all__ = ["size_words"]


def size_words(count: int, *, english: bool = False, step: int = 1024) -> str:
    """``count`` bytes in the user's language ("1,2 Mo" in French), or in English
    whatever the language with ``english`` (a message's English detail, kept for logs
    and scripts): bytes, KB, MB, then GB however large."""
    units = _english_units() if english or language() == "en" else _units()
    size, index = float(count), 0
    while size >= step and index < len(units) - 1:
        size /= step
        index += 1
    number = f"{size:.{0 if index == 0 else 1}f}"
    if not english and language() != "en":
        number = number.replace(".", ",")
    return f"{number} {units[index]}"


def _english_units() -> tuple[str, str, str, str]:
    return ("bytes", "KB", "MB", "GB")


def _units() -> tuple[str, str, str, str]:
    """The units in the user's language (literal calls: build_translations finds them)."""
    return (
        translate("CLI", "bytes"),
        translate("CLI", "KB"),
        translate("CLI", "MB"),
        translate("CLI", "GB"),
    )
