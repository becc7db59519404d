"""Why a share could not be made, typed so that each front end says it in its words
(the CLI in English or French, the app in a dialog): ``SharingError.reason`` names the
case, ``details`` what fills its sentence."""

from __future__ import annotations

from cozysync.errors import ConfigError

__all__ = [
    "AMBIGUOUS",
    "CANNOT_SHARE",
    "NOBODY",
    "NOT_ON_SERVER",
    "NO_SHARE",
    "SIGN_IN_AGAIN",
    "SharingError",
]

CANNOT_SHARE = "cannot_share"  # the server has no sharing API (plain WebDAV)
SIGN_IN_AGAIN = "sign_in_again"  # the login predates the permissions sharing needs
NOT_ON_SERVER = "not_on_server"  # the path is not (yet) on the server
NOBODY = "nobody"  # no one of the address book is called that
AMBIGUOUS = "ambiguous"  # several are: the user must say which
NO_SHARE = "no_share"  # nothing to stop


class SharingError(ConfigError):
    """A share that cannot be made or stopped, and why (``reason``: one of the names
    above; ``details``: ``name``, ``path``, ``server``, ``matches``...)."""

    def __init__(self, reason: str, title: str, hint: str = "", **details: str) -> None:
        super().__init__(title, hint)
        self.reason = reason
        self.details = details
