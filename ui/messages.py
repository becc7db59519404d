"""The engine's messages in the user's language: ``cozysync.message_texts`` (the one
table of titles and hints, shared with the CLI) through Qt's translation.  An id it does
not know (a newer engine) falls back to the engine's English words."""

from __future__ import annotations

from collections.abc import Mapping

from cozysync.message_texts import MessageTexts, known_ids
from cozysync.message_texts import message_texts as _message_texts
from cozysync_ui.i18n import translate

__all__ = ["MessageTexts", "known_ids", "message_texts"]


def message_texts(
    message_id: str | None,
    english_title: str,
    english_hint: str,
    params: Mapping[str, object] | None = None,
) -> MessageTexts:
    """The title and hint of message ``message_id`` in the app's language, its ``{name}``
    fields filled from ``params``; the engine's English words when the id is unknown."""
    return _message_texts(message_id, english_title, english_hint, params, translate=translate)
