"""``cozysync gui``: start the tray app (a separate program: the engine never imports Qt)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from cozysync.phrases import phrase

if TYPE_CHECKING:
    from cozysync.config import Locations

__all__ = ["add_gui_command"]

GUI_MODULE = "cozysync_ui.app"


def add_gui_command(sub: Any) -> None:
    p = sub.add_parser("gui", help="open the desktop app (tray icon)")
    p.add_argument("--window", action="store_true", help="show a window, not a tray icon")
    p.set_defaults(handler=cmd_gui)


def cmd_gui(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.errors import ConfigError

    del locations  # the app reads COZYSYNC_HOME itself
    import importlib.util

    if importlib.util.find_spec(GUI_MODULE) is None:
        raise ConfigError(
            phrase("the desktop app is not installed"),
            phrase("Install it with: pip install 'cozysync[gui]'"),
        )
    argv = [sys.executable, "-m", GUI_MODULE, *(["--window"] if args.window else [])]
    os.execv(sys.executable, argv)
    return 0  # not reached
