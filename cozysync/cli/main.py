"""``cozysync``: the command line.  Parses, sets up the log, runs one command and turns
every error into one line on stderr and a documented exit code."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from cozysync import __version__
from cozysync.cli import commands
from cozysync.cli.exitcodes import EXIT_FAILED, EXIT_USAGE, exit_code_for
from cozysync.cli.login_command import add_login_command
from cozysync.cli.output import safe
from cozysync.config import Locations
from cozysync.errors import CozySyncError
from cozysync.logs import close_logging, pair_logging, pair_of, setup_logging

__all__ = ["build_parser", "main"]

log = logging.getLogger("cozysync.cli")

EPILOG = """\
exit codes (sync, and status for the state it shows):
  0  both sides are in sync (or the command succeeded; status: or syncing now)
  1  errors, conflicts or names waiting for you, or another failure
  2  bad usage
  3  offline: the server cannot be reached (your changes wait, nothing is lost)
  4  the server refused the login
  5  stopped by a safety guard (folder missing or emptied, marker gone, mass deletion)
  6  another cozysync is already syncing this folder
  7  paused (cozysync pause): nothing was synced; cozysync resume lifts it
130  stopped by Ctrl-C (cozysync run ends with 0: Ctrl-C is how it stops)

COZYSYNC_HOME=DIR keeps every setting, journal, log and lock under DIR.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cozysync",
        description="Two-way sync of a local folder with a WebDAV server, offline first.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cozysync {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.add_commands(sub)
    add_login_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    locations = Locations.from_env()
    locations.make_private()  # what an older version left readable by other accounts
    try:
        handler = setup_logging(locations.log_file)
    except OSError as exc:
        print(f"cozysync: cannot write the log in {locations.log_dir}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        log.info("cozysync %s: %s", __version__, args.command)
        return int(args.handler(args, locations))
    except CozySyncError as exc:
        with pair_logging(pair_of(exc)):  # it may name the pair's files
            log.warning("%s: %s", args.command, exc.one_line())
        print(safe(f"cozysync: {exc.one_line()}"), file=sys.stderr)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        print("cozysync: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        with pair_logging(pair_of(exc)):
            log.exception("unexpected error in %s", args.command)
        print(
            f"cozysync: unexpected error ({type(exc).__name__}); details in {locations.log_file}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    finally:
        close_logging(handler)


if __name__ == "__main__":
    sys.exit(main())
