"""One way to name a linked folder in every command: ``NAME`` after the command
(``cozysync status docs``), with ``--name NAME`` accepted too (the older spelling of
``sync``, ``run``, ``status``...).  A name no folder has gets the nearest one."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cozysync.cli.parser import closest
from cozysync.phrases import phrase

if TYPE_CHECKING:
    from cozysync.config import Locations

__all__ = ["NAME_HELP", "add_folder_name", "check_folder_name", "settle_folder_name"]

NAME_HELP = "the linked folder (needed when several are linked)"


def add_folder_name(
    parser: argparse.ArgumentParser, help_text: str = NAME_HELP, *, positional: bool = True
) -> None:
    """``NAME`` (optional: the only linked folder by default) and ``--name NAME``.
    ``positional=False``: the command reads its arguments itself (``restore``)."""
    if positional:
        parser.add_argument("name", nargs="?", metavar="NAME", help=help_text)
    else:
        parser.set_defaults(name=None)
    parser.add_argument(
        "--name", dest="name_option", metavar="NAME", help="the same as NAME (older spelling)"
    )
    parser.set_defaults(names_a_folder=True)


def settle_folder_name(args: argparse.Namespace) -> None:
    """``args.name`` from ``NAME`` or ``--name``; both given must agree."""
    from cozysync.errors import ConfigError

    option = getattr(args, "name_option", None)
    if option is None:
        return
    given = getattr(args, "name", None)
    if given is not None and given != option:
        raise ConfigError(
            phrase(
                "two folder names were given, {given!r} and {option!r}", given=given, option=option
            ),
            phrase("Give the folder's name once, after the command."),
        )
    args.name = option


def check_folder_name(args: argparse.Namespace, locations: Locations) -> None:
    """A name no linked folder has: say so before anything runs, with the nearest
    name (``Docs`` for ``docs``, ``documents`` for ``docuemnts``)."""
    from cozysync.config import FolderStore
    from cozysync.errors import ConfigError

    name = getattr(args, "name", None)
    if not getattr(args, "names_a_folder", False) or name is None:
        return
    names = [folder.name for folder in FolderStore(locations.folders_file).load()]
    if name in names:
        return
    if not names:
        raise ConfigError(
            phrase("no folder is linked, so none is named {name!r}", name=name),
            phrase("Link one first: cozysync link DIR URL"),
        )
    best = closest(name, names)
    maybe = phrase("Did you mean {name!r}? ", name=best) if best is not None else ""
    raise ConfigError(
        phrase("no linked folder is named {name!r}", name=name),
        phrase("{maybe}See them with: cozysync list", maybe=maybe),
    )
