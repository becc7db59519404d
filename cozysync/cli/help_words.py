"""``cozysync --help`` (and each command's) in the user's language (issue 16, item 6).

The parsers are written in English; ``translated_help`` walks a built parser and puts
each text it shows in the user's language: descriptions, epilogs, group titles, every
option's and command's help, and argparse's own words ("usage: ", "positional
arguments", "options", "show this help message and exit"; Python's argparse says them
through gettext, whose catalogues Debian does not ship for it).  ``help_sources`` lists
the same texts for ``build_translations`` (context ``CLI help``), so the ``.ts`` keeps
them as the one source of their translations.  Option names, metavars and command names
stay as typed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from typing import cast

from cozysync.i18n import language, translate

__all__ = ["ARGPARSE_WORDS", "CONTEXT", "help_sources", "translated_help"]

CONTEXT = "CLI help"
# argparse's own words (Lib/argparse.py of Python 3.11: ``_('usage: ')``, the default
# group titles, the -h action's help), which no parser of ours writes
ARGPARSE_WORDS = (
    "usage: ",
    "positional arguments",
    "options",
    "show this help message and exit",
)


_BEFORE_COLON = {"fr": "\u00a0"}  # a no-break space: "options :"


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` and every command's parser below it, each once."""
    seen: set[int] = set()
    waiting = [parser]
    while waiting:
        current = waiting.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                waiting.extend(action.choices.values())


def _texts(parser: argparse.ArgumentParser, change: Callable[[str], str]) -> None:
    """Call ``change`` on every text ``parser`` and its commands show (and keep what it
    returns in their place)."""
    done: set[int] = set()  # an action shared by two parsers is changed once
    for current in _parsers(parser):
        if current.description:
            current.description = change(current.description)
        if current.epilog:
            current.epilog = change(current.epilog)
        for group in current._action_groups:
            if group.title and id(group) not in done:
                done.add(id(group))
                group.title = change(group.title)
        for action in current._actions:
            helped: list[argparse.Action] = [action]
            if isinstance(action, argparse._SubParsersAction):
                helped += action._choices_actions  # the command list's lines
            for one in helped:
                if one.help and one.help != argparse.SUPPRESS and id(one) not in done:
                    done.add(id(one))
                    one.help = change(one.help)


def help_sources(parser: argparse.ArgumentParser) -> list[str]:
    """Every English text the help of ``parser`` shows, argparse's own words first."""
    found = list(ARGPARSE_WORDS)

    def note(text: str) -> str:
        if text not in found:
            found.append(text)
        return text

    _texts(parser, note)
    return found


def translated_help(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``parser`` with its help in the user's language (as it is, in English)."""
    if language() == "en":
        return parser
    _texts(parser, lambda text: translate(CONTEXT, text))
    for current in _parsers(parser):
        shown = cast(type[argparse.HelpFormatter], current.formatter_class)
        current.formatter_class = _with_usage_prefix(shown)
        if current.usage is None:
            current.usage = _usage_line(current)
    return parser


def _usage_line(parser: argparse.ArgumentParser) -> str:
    """The usage line as argparse writes it, without its prefix: set once, because
    ``parse_known_intermixed_args`` (each command's) keeps ``format_usage()[7:]``,
    which cuts ``len("usage: ")`` characters off whatever the prefix is."""
    prefix = translate(CONTEXT, "usage: ")
    formatter = parser._get_formatter()
    formatter.add_usage(None, parser._actions, parser._mutually_exclusive_groups, prefix)
    return formatter.format_help().strip("\n")[len(prefix) :]


def _with_usage_prefix(
    formatter_class: type[argparse.HelpFormatter],
) -> type[argparse.HelpFormatter]:
    """``formatter_class`` whose usage line starts with "usage: " translated."""

    class Translated(formatter_class):  # type: ignore[valid-type,misc]
        def add_usage(
            self,
            usage: str | None,
            actions: object,
            groups: object,
            prefix: str | None = None,
        ) -> None:
            words = translate(CONTEXT, "usage: ") if prefix is None else prefix
            super().add_usage(usage, actions, groups, words)

        def start_section(self, heading: str | None) -> None:
            # argparse writes "heading:"; French puts a space before a colon
            super().start_section(f"{heading}{_BEFORE_COLON.get(language(), '')}")

    return Translated
