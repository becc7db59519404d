"""An error's words, translated where they are shown (issue 16, item 6).

A raise site writes its sentence once, in English, as a template with named fields, and
hands it over with the values: ``raise ConfigError(phrase("no linked folder is named
{name!r}", name=name))``.  The result is a ``str`` — the English sentence, which the logs,
``--json`` and the tests read as before — that also keeps its template and values, so the
CLI (``cozysync.i18n.translate``) and the app (Qt's) show it in the user's language:
``translated(text, translate)``.  ``ui/build_translations.py`` collects every
``phrase("literal", ...)`` call into context ``CONTEXT`` of the one catalogue (the
``.ts`` files); the translation keeps the template's fields (``{name!r}``).  A value may
itself be a ``Phrase`` (a sentence added to another); it is translated too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["CONTEXT", "Phrase", "Translate", "phrase", "translated"]

CONTEXT = "Errors"

Translate = Callable[[str, str], str]


class Phrase(str):
    """English words (the ``str``) that know their template and values."""

    template: str
    values: Mapping[str, object]

    def __new__(cls, template: str, values: Mapping[str, object]) -> Phrase:
        self = super().__new__(cls, template.format_map(values))
        self.template = template
        self.values = dict(values)
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled with its template (a process boundary)
        return (Phrase, (self.template, self.values))


def phrase(template: str, /, **values: object) -> Phrase:
    """``template`` (English, literal: the catalogue collects it) filled with ``values``."""
    return Phrase(template, values)


def translated(text: str, translate: Translate) -> str:
    """``text`` in the language of ``translate(context, English)`` when it is a
    ``Phrase``; any other text as it is (English).  A translation whose fields do not
    match the template's falls back to the English."""
    if not isinstance(text, Phrase):
        return text
    values = {
        name: translated(value, translate) if isinstance(value, Phrase) else value
        for name, value in text.values.items()
    }
    try:
        return translate(CONTEXT, text.template).format_map(values)
    except (KeyError, IndexError, ValueError):
        return str(text)
