"""The CLI's argument parsers: argparse, with a "did you mean" on a mistyped command,
option or choice (Python 3.11's argparse has no suggestions of its own), and each
command's options and arguments in any order (``export docs --zip DEST``)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

from cozysync.i18n import translate

__all__ = ["CliParser", "CommandParser", "closest"]

_INVALID_CHOICE = re.compile(r"^argument (?P<arg>[^:]+): invalid choice: (?P<value>'.*?') \(")
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` was most likely meant to be: the same but for upper and
    lower case, else the nearest by spelling (difflib); ``None`` when none is near."""
    import difflib

    names = list(dict.fromkeys(candidates))
    for name in names:
        if name.casefold() == word.casefold():
            return name
    by_folded = {name.casefold(): name for name in names}
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=0.6)
    return by_folded[found[0]] if found else None


def _did_you_mean(word: str, candidates: Iterable[str]) -> str:
    best = closest(word, candidates)
    return _maybe(best)


def _maybe(best: str | None) -> str:
    """ " Did you mean --name?" (nothing when no word is near)."""
    return " " + translate("CLI", "Did you mean %1?").replace("%1", best) if best else ""


class CommandParser(argparse.ArgumentParser):
    """One command's parser: its options and arguments may come in any order."""

    _intermixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._intermixing:  # parse_known_intermixed_args calls this, twice
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False

    def error(self, message: str) -> NoReturn:
        self._fail(_sentence(message, self))

    def unknown_arguments(self, extras: Sequence[str]) -> NoReturn:
        """Words after the command that it does not take, said as a sentence."""
        options = [s for a in self._actions for s in a.option_strings if s.startswith("--")]
        first = extras[0]
        if first.startswith("-"):
            spelled = first.split("=", 1)[0]
            bare = {option.lstrip("-"): option for option in options}  # "--" matches all
            best = closest(spelled.lstrip("-"), bare)
            maybe = _maybe(bare[best] if best is not None else None)
            said = translate(
                "CLI", "%1 is not an option of '%2'.%3 See its options with: %2 --help"
            )
            self._fail(said.replace("%1", spelled).replace("%3", maybe).replace("%2", self.prog))
        said = translate(
            "CLI",
            "'%1' takes no more arguments, and %2 was left over. "
            "Put quotes around a name that holds spaces.",
        )
        self._fail(said.replace("%2", repr(" ".join(extras))).replace("%1", self.prog))

    def _fail(self, sentence: str) -> NoReturn:
        self.print_usage()
        self.exit(2, f"{self.prog}: {sentence}\n")


class CliParser(CommandParser):
    """``cozysync``'s own parser: a command it does not know gets the nearest one."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        return argparse.ArgumentParser.parse_known_args(self, args, namespace)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = self.command_parser(getattr(parsed, "command", None))
            if command is None:
                self.unknown_arguments(extras)
            command.unknown_arguments(extras)
        return parsed

    def command_parser(self, name: str | None) -> CommandParser | None:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction) and name in action.choices:
                found: Any = action.choices[name]
                return found if isinstance(found, CommandParser) else None
        return None


def _sentence(message: str, parser: argparse.ArgumentParser) -> str:
    """argparse's error, as a sentence (with a suggestion for an invalid choice)."""
    invalid = _INVALID_CHOICE.match(message)
    if invalid is not None:
        return _invalid_choice(message, invalid, parser.prog)
    for pattern, words in _REWORDED:
        found = pattern.match(message)
        if found is not None:
            said = words()
            for number, group in enumerate(found.groups(), 1):
                said = said.replace(f"%{number}", group)
            return said.replace("%prog", parser.prog)
    text = message.removeprefix("argument ")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


_REWORDED: list[tuple[re.Pattern[str], Callable[[], str]]] = [  # argparse's → ours
    (
        re.compile(r"^the following arguments are required: (.*)$"),
        lambda: translate("CLI", "Something is missing: %1. See what it takes with: %prog --help"),
    ),
    (
        re.compile(r"^argument (\S+): expected (?:one|at least one) argument"),
        lambda: translate("CLI", "%1 needs a value."),
    ),
    (
        re.compile(r"^argument (\S+): not allowed with argument (\S+)"),
        lambda: translate("CLI", "%1 and %2 cannot be given together: choose one."),
    ),
]


def _invalid_choice(message: str, invalid: re.Match[str], prog: str) -> str:
    value = invalid.group("value")[1:-1]
    choices = _QUOTED.findall(message[invalid.end() :])
    argument = invalid.group("arg")
    maybe = _did_you_mean(value, choices)
    if argument == "COMMAND":
        said = translate(
            "CLI", "'%1' is not a cozysync command.%2 See the commands with: %3 --help"
        )
        return said.replace("%1", value).replace("%2", maybe).replace("%3", prog)
    said = translate("CLI", "'%1' is not a choice of %2 (choose %3).%4")
    return (
        said.replace("%1", value)
        .replace("%2", argument)
        .replace("%3", ", ".join(choices))
        .replace("%4", maybe)
    )
