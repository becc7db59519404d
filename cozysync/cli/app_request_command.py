"""The CLI's ``app-request ACTION PATH...``: ask the running app to share, show the
versions or the deleted files of synced items (the request channel of
``cozysync.desktop_requests``).  Dolphin's service menu calls it
(packaging/filemanager/cozysync-dolphin.desktop); scripts may too.

Off a terminal (a file manager started it), a failure is also shown as a desktop
notification (``notify-send``, where it is installed): nobody reads the error output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cozysync.config import Locations

__all__ = ["add_app_request_command"]


def add_app_request_command(sub: Any) -> None:
    from cozysync.desktop_requests import ACTIONS

    help_text = "ask the running cozysync app to act on synced items (for file managers)"
    p: argparse.ArgumentParser = sub.add_parser(
        "app-request", help=help_text, description=help_text
    )
    p.set_defaults(handler=cmd_app_request)
    p.add_argument("action", choices=ACTIONS, help="what the app is asked to do")
    p.add_argument("paths", metavar="PATH", nargs="+", help="the items (in synced folders)")
    p.add_argument("--json", action="store_true", help="the app's answer as JSON")


def cmd_app_request(args: argparse.Namespace, locations: Locations) -> int:
    import json  # here, not at each start of the CLI (issue 20, item 2)

    from cozysync.desktop_requests import RequestError, ask
    from cozysync.i18n import translate

    paths = [str(Path(p).expanduser().absolute()) for p in args.paths]
    try:
        answer = ask(args.action, paths)
    except RequestError:
        answer = {
            "ok": False,
            "error": "not-running",
            "message": translate(
                "CLI", "The cozysync app is not running: start it, then try again."
            ),
        }
    if args.json:
        json.dump(answer, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if answer.get("ok"):
        return 0
    message = str(answer.get("message") or answer.get("error"))
    print(f"cozysync: {message}", file=sys.stderr)
    if not sys.stderr.isatty():
        _notify(message)
    return 1


def _notify(message: str) -> None:
    import shutil
    import subprocess

    found = shutil.which("notify-send")
    if found is not None:
        subprocess.run(  # a fixed command: the message is one argument
            [found, "--app-name=cozysync", "cozysync", message],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=False,
        )
