"""Commands for installing and deploying cozysync: ``install-desktop``,
``uninstall-desktop`` and ``defaults``; and the system-wide defaults file
(``cozysync.defaults``) applied to the other commands.

``add_desktop_commands(sub)`` is called last in ``commands.add_commands``.  Besides adding
its three commands, it lets ``link`` take its folder, address, user and mode from the
defaults file when the command line leaves them out, and has every command apply the
defaults' proxy before it runs.
"""

from __future__ import annotations

import argparse
import functools
import os
from typing import TYPE_CHECKING, Any

from cozysync.phrases import phrase

if TYPE_CHECKING:  # imported when a command runs
    from cozysync.config import Locations
    from cozysync.defaults import SystemDefaults

__all__ = ["add_desktop_commands", "cmd_defaults", "cmd_install_desktop", "cmd_uninstall_desktop"]


def add_desktop_commands(sub: Any) -> None:
    p = _add(sub, "install-desktop", cmd_install_desktop, "add cozysync to your desktop's menu")
    p.add_argument("--autostart", action="store_true", help="also start the tray app at login")
    p.add_argument(
        "--file-types", action="store_true",
        help="also open Cozy notes and shortcuts (.url) in the browser with a double-click",
    )  # fmt: skip
    _add(sub, "uninstall-desktop", cmd_uninstall_desktop, "remove what install-desktop added")
    _add(sub, "defaults", cmd_defaults, "show the system-wide defaults set by your IT team")
    for name, parser in sub.choices.items():
        if name == "link":
            _link_takes_defaults(parser)
        handler = parser.get_default("handler")
        if handler is not None:
            parser.set_defaults(handler=_with_proxy(handler))


def _add(sub: Any, name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    return parser


def cmd_install_desktop(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.desktop import DesktopPaths, install_desktop

    written = install_desktop(autostart=args.autostart)
    if args.file_types:  # cozysync/desktop_types.py
        from cozysync.desktop_types import install_file_types

        written += install_file_types()
    paths = DesktopPaths.from_env()
    print(f"Installed {len(written)} files:")
    print(f"  {paths.desktop_entry}")
    print(f"  icons under {paths.icons_dir}")
    if args.autostart:
        print(f"  {paths.autostart_entry} (starts the tray app at login)")
    if args.file_types:
        print(f"  {written[-2]} and {written[-1]} (notes and shortcuts open in the browser)")
    print("cozysync is in your applications menu (log out and in if it does not show yet).")
    return EXIT_OK


def cmd_uninstall_desktop(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.desktop import uninstall_desktop
    from cozysync.desktop_types import uninstall_file_types

    removed = uninstall_desktop() + uninstall_file_types()
    print(f"Removed {len(removed)} files." if removed else "Nothing to remove.")
    print("Your linked folders and settings are kept (cozysync unlink forgets a folder).")
    return EXIT_OK


def cmd_defaults(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.defaults import config_dirs, load_defaults

    defaults = load_defaults()
    if defaults.source is None:
        searched = ", ".join(str(d) for d in config_dirs())
        print(f"No defaults file (looked for cozysync/defaults.toml in: {searched}).")
        return EXIT_OK
    print(f"Defaults from {defaults.source}:")
    for key in ("server", "user", "folder", "mode", "proxy", "no_proxy", "proxy_mode",
                "proxy_pac_url"):  # fmt: skip
        value = getattr(defaults, key)
        print(f"  {key} = {value if value is not None else '(not set)'}")
    return EXIT_OK


def _with_proxy(handler: Any) -> Any:
    @functools.wraps(handler)
    def run(args: argparse.Namespace, locations: Locations) -> int:
        from cozysync.defaults import apply_proxy, load_defaults

        apply_proxy(load_defaults(), os.environ)
        return int(handler(args, locations))

    return run


def _link_takes_defaults(parser: argparse.ArgumentParser) -> None:
    """``link`` with LOCAL_DIR, URL, --user and --mode optional, filled from the defaults."""
    for action in parser._actions:
        if action.dest in ("local_dir", "url"):
            action.nargs = "?"
            action.default = None
            action.help = f"{action.help or 'the local folder'} (default: the defaults file's)"
        elif action.dest == "mode":
            action.default = None
    handler = parser.get_default("handler")

    @functools.wraps(handler)
    def link(args: argparse.Namespace, locations: Locations) -> int:
        from cozysync.defaults import load_defaults

        _fill_link_args(args, load_defaults())
        return int(handler(args, locations))

    parser.set_defaults(handler=link)


def _fill_link_args(args: argparse.Namespace, defaults: SystemDefaults) -> None:
    from cozysync.errors import ConfigError

    if args.url is None and _is_address(args.local_dir):  # `cozysync link URL`
        args.local_dir, args.url = None, args.local_dir
    if args.local_dir is None:
        if defaults.folder_path is None:
            raise ConfigError(
                phrase("which folder? No LOCAL_DIR given and no default folder is set"),
                phrase("Give it: cozysync link LOCAL_DIR URL"),
            )
        args.local_dir = str(defaults.folder_path)
    if args.url is None:
        if defaults.server is None:
            raise ConfigError(
                phrase("which server? No URL given and no default server is set"),
                phrase("Give it: cozysync link LOCAL_DIR URL"),
            )
        args.url = defaults.server
    if args.user is None and defaults.user:
        args.user = defaults.user
    if args.mode is None:
        args.mode = defaults.mode or "two-way"


def _is_address(value: str | None) -> bool:
    return value is not None and value.lower().startswith(("http://", "https://"))
