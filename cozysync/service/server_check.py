"""The first check of a server, before anything is linked (the wizard's first page): is
the address reachable, is it what the user said (a Cozy; a Nextcloud, ownCloud or
WebDAV server), and does it take the user name and password.  The answer is a
``ServerProblem`` the UI words for a person, never an English sentence to show."""

from __future__ import annotations

import enum
import ssl
from dataclasses import dataclass, replace

from cozysync.errors import (
    AuthError,
    CaptivePortalError,
    ConfigError,
    CozySyncError,
    OfflineError,
    UntrustedCertificateError,
)
from cozysync.service.linking import check_url, probe_server
from cozysync.service.remotes import cozy_instance
from cozysync.service.wiring import Accounts, NextcloudInfo

__all__ = ["ServerCheck", "ServerProblem", "check_server", "problem_of"]


class ServerProblem(enum.StrEnum):
    UNREACHABLE = "unreachable"  # nothing answers (no network, wrong name, server down)
    CERTIFICATE = "certificate"  # the secure connection failed: a certificate not trusted
    NOT_A_SERVER = "not_a_server"  # it answers, but no WebDAV folder is there
    NOT_A_COZY = "not_a_cozy"  # "My Cozy" was chosen, and it is no Cozy
    LOGIN_NEEDED = "login_needed"  # it asks for a login and none was given
    LOGIN_REFUSED = "login_refused"  # wrong user name or password
    MAINTENANCE = "maintenance"  # a Nextcloud in maintenance (or not set up)
    WIFI_SIGN_IN = "wifi_sign_in"  # a Wi-Fi sign-in page answered instead (issue 19)


@dataclass(frozen=True, slots=True)
class ServerCheck:
    """What the check found.  ``url``: the address to link (a Cozy's instance; for a
    Nextcloud given by its plain address, its WebDAV address for the user)."""

    url: str
    problem: ServerProblem | None = None
    nextcloud: NextcloudInfo | None = None
    detail: str = ""  # the English specifics, for the log
    issuer: str = ""  # CERTIFICATE: the untrusted certificate's issuer, when read
    sha256: str = ""  # and its SHA-256 fingerprint, for IT to compare

    @property
    def is_ok(self) -> bool:
        return self.problem is None


def check_server(
    url: str, user: str | None, password: str | None, *, cozy: bool, accounts: Accounts
) -> ServerCheck:
    """Check ``url`` as a Cozy (``cozy``) or as a WebDAV server with this login; the
    network is used, so call it off the GUI thread (``cozysync.accounts.check_server``:
    on the real servers)."""
    try:
        url = check_url(url)
    except ConfigError as exc:
        return ServerCheck(url, ServerProblem.NOT_A_SERVER, detail=exc.title)
    try:
        if cozy:
            return _check_cozy(url, accounts)
        return _check_webdav(url, user, password, accounts)
    except CozySyncError as exc:
        return _failed(url, exc)


def _check_cozy(url: str, accounts: Accounts) -> ServerCheck:
    nextcloud = accounts.detect_nextcloud(url)  # reached first: an unreachable Cozy is said so
    instance = (
        None if nextcloud is not None else cozy_instance(url, forced=False, accounts=accounts)
    )
    if instance is None:  # a Nextcloud is said: the UI may offer its browser login
        return ServerCheck(url, ServerProblem.NOT_A_COZY, nextcloud, f"{url} is not a Cozy")
    return ServerCheck(instance)


def _check_webdav(
    url: str, user: str | None, password: str | None, accounts: Accounts
) -> ServerCheck:
    nextcloud = accounts.detect_nextcloud(url)
    if nextcloud is not None:
        if nextcloud.maintenance or not nextcloud.installed:
            return ServerCheck(url, ServerProblem.MAINTENANCE, nextcloud)
        if not user:
            return ServerCheck(url, ServerProblem.LOGIN_NEEDED, nextcloud)
        if "/remote.php/" not in url:
            url = accounts.nextcloud_webdav_url(nextcloud.base_url, user, password)
    try:
        probe_server(url, user, password, accounts=accounts)
    except CozySyncError as exc:
        failed = _failed(url, exc, nextcloud)
        if failed.problem is ServerProblem.LOGIN_REFUSED and not user:
            failed = replace(failed, problem=ServerProblem.LOGIN_NEEDED)
        return failed
    return ServerCheck(url, nextcloud=nextcloud)


def _failed(url: str, exc: CozySyncError, nextcloud: NextcloudInfo | None = None) -> ServerCheck:
    """The check that ``exc`` ended, with the untrusted certificate's facts if any."""
    found = ServerCheck(url, problem_of(exc), nextcloud, exc.one_line())
    seen: BaseException | None = exc
    for _ in range(12):
        if isinstance(seen, UntrustedCertificateError):
            return replace(found, issuer=seen.issuer, sha256=seen.sha256)
        seen = None if seen is None else seen.__cause__ or seen.__context__
    return found


def problem_of(exc: BaseException) -> ServerProblem:
    """The problem an error of ``link`` or of the check means, for a person."""
    seen: BaseException | None = exc
    found = ServerProblem.NOT_A_SERVER
    for _ in range(12):
        if seen is None:
            break
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return ServerProblem.CERTIFICATE
        if isinstance(seen, AuthError):
            return ServerProblem.LOGIN_REFUSED
        if isinstance(seen, CaptivePortalError):
            return ServerProblem.WIFI_SIGN_IN
        if isinstance(seen, OfflineError):
            found = ServerProblem.UNREACHABLE  # unless a TLS failure lies under it
        seen = seen.__cause__ or seen.__context__
    return found
