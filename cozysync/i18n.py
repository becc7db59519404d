"""The CLI's words in the user's language, without Qt.

The one source of every translation is ``ui/resources/i18n/cozysync_<lang>.ts`` (Qt
Linguist's format, which the Qt app loads as ``.qm``).  ``python -m
cozysync_ui.build_translations`` also writes what the engine needs of it to
``cozysync/data/translations.json`` (every finished translation, by context and English
source; plural forms as lists), which this module reads: a text is written once, in the
code that shows it (``translate("CLI", "...")``), and translated once, in the ``.ts``.

The language follows gettext's rule: ``LANGUAGE`` (a ``:`` list, first known wins), then
the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; ``LANGUAGE`` is ignored when the
locale is ``C``/``POSIX``.  English is the source language (its catalogue holds only
plural forms).  ``--json`` output is never translated.

A program whose user picks the language elsewhere (the tray app's preferences) says it
once with ``use_language("fr")``: from then on this process's words are in that
language whatever the locale's variables say, so a window never mixes two languages.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "chosen_language",
    "language",
    "plural_index",
    "translate",
    "use_language",
]

CATALOGUE = Path(__file__).parent / "data" / "translations.json"
LANGUAGES = ("en", "fr")
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

Catalogue = dict[str, dict[str, dict[str, str | list[str]]]]

_chosen: list[str | None] = [None]  # use_language's choice, None: the locale's variables


def _code(locale_name: str) -> str:
    """ "fr_FR.UTF-8@euro" → "fr"."""
    return locale_name.split(".")[0].split("@")[0].split("_")[0].lower()


def use_language(code: str | None) -> None:
    """This process's words in ``code`` (one of ``LANGUAGES``) from now on, whatever the
    locale's variables say; ``None`` goes back to them.  Anything else is refused with
    ``ValueError`` (a programming error, never the user's)."""
    if code is not None and code not in LANGUAGES:
        raise ValueError(f"no such language: {code!r} (known: {', '.join(LANGUAGES)})")
    _chosen[0] = code


def chosen_language() -> str | None:
    """What ``use_language`` was last given (``None``: the locale's variables decide)."""
    return _chosen[0]


def language(environ: Mapping[str, str] | None = None) -> str:
    """The user's language among ``LANGUAGES``, English when none of them is asked for:
    ``use_language``'s choice if any, else the locale's variables (``environ``'s when
    given, which then decide alone)."""
    if environ is None and _chosen[0] is not None:
        return _chosen[0]
    env = os.environ if environ is None else environ
    locale_name = next((env[v] for v in _LOCALE_VARIABLES if env.get(v)), "")
    if locale_name and _code(locale_name) not in ("c", "posix"):
        for wanted in env.get("LANGUAGE", "").split(":"):
            if _code(wanted) in LANGUAGES:
                return _code(wanted)
    code = _code(locale_name)
    return code if code in LANGUAGES else "en"


def plural_index(lang: str, count: int) -> int:
    """Which plural form a count takes: French says 0 and 1 in the singular."""
    if lang == "fr":
        return 0 if count in (0, 1) else 1
    return 0 if count == 1 else 1


@functools.cache
def _catalogue() -> Catalogue:
    try:
        data: Catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a broken install speaks English rather than failing
    return data


def translate(context: str, source: str, count: int | None = None, shown: str | None = None) -> str:
    """``source`` (English; ``%n`` stands for ``count``, written as ``shown`` if given:
    "2,000") in the user's language."""
    lang = language()
    found = _catalogue().get(lang, {}).get(context, {}).get(source)
    text = source
    if isinstance(found, str) and found:
        text = found
    elif isinstance(found, list) and found and count is not None:
        text = found[min(plural_index(lang, count), len(found) - 1)] or source
    return text if count is None else text.replace("%n", str(count) if shown is None else shown)
