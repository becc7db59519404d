"""``cozysync``: the command line.  Parses, sets up the log, runs one command and turns
every error into one line on stderr and a documented exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from cozysync import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (--version: nothing)
if TYPE_CHECKING:  # each command imports what it needs
    import argparse
    import logging

    from cozysync.cli.parser import CliParser
    from cozysync.config import Locations

__all__ = ["EXIT_OUTPUT_CLOSED", "build_parser", "main"]

EXIT_OUTPUT_CLOSED = 141  # 128 + SIGPIPE, as a shell reports a reader that left (| head)

EPILOG = """\
exit codes (sync, link, and status for the state it shows):
  0  both sides are in sync (or the command succeeded; status: or syncing now)
  1  errors, conflicts or names waiting for you, or another failure
  2  bad usage
  3  offline: the server cannot be reached (your changes wait, nothing is lost)
  4  the server refused the login
  5  stopped by a safety guard (folder missing or emptied, marker gone, mass deletion)
  6  another cozysync is already syncing this folder
  7  paused (cozysync pause): nothing was synced; cozysync resume lifts it
130  stopped by Ctrl-C (cozysync run ends with 0: Ctrl-C is how it stops)
141  the output was closed early (cozysync status | head -1): nothing more printed

A command that works on a linked folder takes its name after the command
(cozysync status docs) or as --name docs; without it, the only linked folder.

COZYSYNC_HOME=DIR keeps every setting, journal, log and lock under DIR.
"""


def build_parser() -> CliParser:
    import argparse

    from cozysync.cli import commands
    from cozysync.cli.activity_command import add_activity_command
    from cozysync.cli.app_request_command import add_app_request_command
    from cozysync.cli.drive_commands import add_drive_command
    from cozysync.cli.invitation_commands import add_invitation_command
    from cozysync.cli.login_command import add_login_command
    from cozysync.cli.open_command import add_open_command
    from cozysync.cli.parser import CliParser, CommandParser
    from cozysync.cli.proxy_commands import add_proxy_command
    from cozysync.cli.share_commands import add_share_commands
    from cozysync.cli.trash_commands import add_trash_commands
    from cozysync.cli.version_commands import add_version_commands

    parser = CliParser(
        prog="cozysync",
        description="Two-way sync of a local folder with a WebDAV server, offline first.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cozysync {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=CommandParser
    )
    commands.add_commands(sub)
    add_login_command(sub)
    add_activity_command(sub)
    add_invitation_command(sub)
    add_drive_command(sub)
    add_open_command(sub)
    add_app_request_command(sub)
    add_proxy_command(sub)
    add_share_commands(sub)
    add_trash_commands(sub)
    add_version_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
            print(f"cozysync {__version__}")  # what a script asks most: before any import
            return _flushed(0)
        try:
            args = _translated(build_parser()).parse_args(argv)
        except SystemExit as exc:  # --help, --version, usage errors
            return _flushed(int(exc.code) if isinstance(exc.code, int) else 2)  # 2: usage
        return _flushed(_run(args))
    except BrokenPipeError:  # the reader left (| head): the rest goes nowhere, quietly
        return _output_closed()


def _translated(parser: CliParser) -> CliParser:
    """The help in the user's language (``cli/help_words.py``)."""
    from cozysync.cli.help_words import translated_help

    translated_help(parser)
    return parser


def _run(args: argparse.Namespace) -> int:
    from cozysync.cli.exitcodes import EXIT_FAILED
    from cozysync.config import Locations
    from cozysync.logs import close_logging, setup_logging

    locations = Locations.from_env()
    locations.make_private()  # what an older version left readable by other accounts
    try:
        handler = setup_logging(locations.log_file)
    except OSError as exc:
        print(f"cozysync: cannot write the log in {locations.log_dir}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        _log().info("cozysync %s: %s", __version__, args.command)
        return _run_command(args, locations)
    finally:
        close_logging(handler)


def _run_command(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.cli.exitcodes import EXIT_FAILED, exit_code_for
    from cozysync.cli.folder_name import check_folder_name, settle_folder_name
    from cozysync.cli.output import error_line, safe
    from cozysync.errors import CozySyncError
    from cozysync.logs import pair_logging, pair_of

    try:
        arrange = getattr(args, "arrange", None)
        if arrange is not None:  # a command whose words need reading (restore)
            arrange(args)
        settle_folder_name(args)
        check_folder_name(args, locations)
        return int(args.handler(args, locations))
    except CozySyncError as exc:
        with pair_logging(pair_of(exc)):  # it may name the pair's files
            _log().warning("%s: %s", args.command, exc.one_line())
        print(safe(f"cozysync: {error_line(exc)}"), file=sys.stderr)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        print("cozysync: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # not an error of cozysync's: main leaves quietly
    except Exception as exc:
        with pair_logging(pair_of(exc)):
            _log().exception("unexpected error in %s", args.command)
        print(
            f"cozysync: unexpected error ({type(exc).__name__}); details in {locations.log_file}",
            file=sys.stderr,
        )
        return EXIT_FAILED


def _flushed(code: int) -> int:
    """``code`` once what was printed is out: a closed pipe shows here, not at exit."""
    sys.stdout.flush()
    return code


def _output_closed() -> int:
    """The standard way out when the reader of our output left: whatever is still
    buffered or printed later goes to /dev/null (Python would else complain at exit)."""
    try:
        stdout = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (a caller's capture): nothing to redirect
        return EXIT_OUTPUT_CLOSED
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stdout)
    os.close(devnull)
    _log().info("the output was closed before the end")
    return EXIT_OUTPUT_CLOSED


def _log() -> logging.Logger:
    import logging

    return logging.getLogger("cozysync.cli")


if __name__ == "__main__":
    sys.exit(main())
