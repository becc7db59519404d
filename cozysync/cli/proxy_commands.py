"""``cozysync proxy``: the proxy every connection goes through (``remotes/proxy.py``).

``proxy show``, ``proxy set URL [--user U] [--password-stdin] [--insecure-file-store]``,
``proxy off`` (direct connections), ``proxy system`` (the environment's proxy, or the
IT preset's: the default), ``proxy pac URL`` (a proxy configuration file chooses) and
``proxy auto`` (the file found by WPAD); ``pac`` and ``auto`` take the same optional
login as ``set``.  The password goes to the keyring, never to the settings file.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from cozysync.phrases import phrase

if TYPE_CHECKING:  # imported when a command runs
    from cozysync.config import AppSettings, Locations

__all__ = ["add_proxy_command"]

_EXAMPLE = phrase("For example: cozysync proxy set http://proxy.school.example:3128 --user NAME")

_HELP = (
    "show or choose the proxy of every connection: set URL (a manual proxy, with an "
    "optional login), pac URL (a proxy configuration file), auto (the file found by WPAD), "
    "off (connect directly) or system (the environment's, the desktop's or the IT preset's "
    "proxy: the default)"
)


def add_proxy_command(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("proxy", help=_HELP, description=_HELP)
    parser.set_defaults(handler=cmd_proxy)
    parser.add_argument(
        "action", choices=("show", "set", "pac", "auto", "off", "system"), nargs="?",
        default="show", help="show (the default), set URL, pac URL, auto, off or system",
    )  # fmt: skip
    parser.add_argument(
        "url", metavar="URL", nargs="?",
        help="set: http://host:port or host:port; pac: the PAC file's http(s) address",
    )  # fmt: skip
    parser.add_argument(
        "--user",
        help="set, pac, auto: the proxy's user name, when it asks for a login "
        "(DOMAIN\\user for NTLM)",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="set, pac, auto: read the proxy's password from stdin",
    )
    parser.add_argument(
        "--insecure-file-store", action="store_true",
        help="set, pac, auto: keep the password in a file only you can read, where no "
        "keyring exists",
    )  # fmt: skip


def cmd_proxy(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.errors import ConfigError

    if args.action == "set":
        if not args.url:
            raise ConfigError(phrase("proxy set needs the proxy's address"), _EXAMPLE)
        return cmd_proxy_set(args, locations)
    if args.action == "pac" and not args.url:
        raise ConfigError(
            phrase("proxy pac needs the proxy configuration file's address"),
            phrase("For example: cozysync proxy pac http://wpad.school.example/proxy.pac"),
        )
    if args.action in ("pac", "auto"):
        if args.action == "auto" and args.url:
            raise ConfigError(
                phrase("proxy auto takes no address: it looks for wpad.<domain>"), _EXAMPLE
            )
        return cmd_proxy_pac(args, locations)
    if args.url or args.user or args.password_stdin:
        raise ConfigError(
            phrase("proxy {action} takes no address or login", action=args.action), _EXAMPLE
        )
    if args.action == "show":
        return cmd_proxy_show(args, locations)
    return cmd_proxy_mode(args, locations)


def cmd_proxy_show(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.config import AppSettingsStore

    _print(AppSettingsStore(locations.app_settings_file).load())
    return EXIT_OK


def cmd_proxy_set(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.errors import ConfigError
    from cozysync.remotes.proxy import MANUAL, ProxyChoice, check_proxy_url, save_proxy

    url = check_proxy_url(args.url)
    if args.password_stdin and not args.user:
        raise ConfigError(
            phrase("--password-stdin needs --user"), phrase("Give the user name with --user.")
        )
    password = _read_password(args.password_stdin) if args.user else None
    choice = ProxyChoice(MANUAL, url, args.user or None, password)
    _print(save_proxy(locations, choice, file_store=bool(args.insecure_file_store)))
    return EXIT_OK


def cmd_proxy_pac(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.errors import ConfigError
    from cozysync.remotes.proxy import ProxyChoice, check_pac_url, save_proxy

    pac_url = check_pac_url(args.url) if args.action == "pac" else None
    if args.password_stdin and not args.user:
        raise ConfigError(
            phrase("--password-stdin needs --user"), phrase("Give the user name with --user.")
        )
    password = _read_password(args.password_stdin) if args.user else None
    choice = ProxyChoice(args.action, None, args.user or None, password, pac_url=pac_url)
    _print(save_proxy(locations, choice, file_store=bool(args.insecure_file_store)))
    return EXIT_OK


def cmd_proxy_mode(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.remotes.proxy import ProxyChoice, save_proxy

    # a manual proxy's address, user and password stay for `set`
    _print(save_proxy(locations, ProxyChoice(args.action)))
    return EXIT_OK


def _read_password(from_stdin: bool) -> str:
    from cozysync.errors import ConfigError

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        import getpass

        password = getpass.getpass("Proxy password: ")
    else:
        raise ConfigError(
            phrase("the proxy's password cannot be asked: no terminal"),
            phrase("Pipe it in with --password-stdin, or run the command in a terminal."),
        )
    if not password:
        raise ConfigError(
            phrase("the proxy's password is empty"), phrase("Give the password your IT gave you.")
        )
    return password


def _print(settings: AppSettings) -> None:
    from cozysync.cli.output import safe
    from cozysync.i18n import translate

    login = ""
    if settings.proxy_user:
        login = " " + translate("CLI", "(user %1)").replace("%1", settings.proxy_user)
    if settings.proxy_mode == "off":
        line = translate("CLI", "proxy: off (direct connections)")
    elif settings.proxy_mode == "manual":
        line = translate("CLI", "proxy: %1").replace("%1", settings.proxy_url or "") + login
    elif settings.proxy_mode == "pac":
        line = translate("CLI", "proxy: the configuration file %1")
        line = line.replace("%1", settings.proxy_pac_url or "") + login
    elif settings.proxy_mode == "auto":
        line = translate("CLI", "proxy: automatic (the configuration file found by WPAD)") + login
    else:
        line = _system_line()
    print(safe(line))


def _system_line() -> str:
    """``system``: the desktop's proxy when it sets one (``proxy_system``), else the
    environment's or the IT preset's."""
    from cozysync.i18n import translate
    from cozysync.remotes.proxy import PRESET_ORIGIN, system_choice

    now = system_choice()
    if now.origin is None:
        return translate(
            "CLI", "proxy: system (the environment's HTTPS_PROXY/HTTP_PROXY, or the IT preset's)"
        )
    if now.origin == "portal":
        return translate("CLI", "proxy: system (the desktop portal answers for each address)")
    what = now.url or now.pac_url or translate("CLI", "found by WPAD")
    if now.origin == PRESET_ORIGIN:
        if now.mode == "off":
            return translate("CLI", "proxy: system (the IT preset's: no proxy)")
        return translate("CLI", "proxy: system (the IT preset's: %1)").replace("%1", what)
    return (
        translate("CLI", "proxy: system (%1's settings: %2)")
        .replace("%1", now.origin)
        .replace("%2", what)
    )
