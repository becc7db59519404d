"""The one error hierarchy of cozysync.

Every adapter translates its foreign exceptions (OSError, httpx errors, peewee errors,
keyring errors) into these, with ``raise ... from exc``; nothing above the adapters sees a
raw foreign exception.  Each error carries a short ``title`` (what happened), a ``hint``
(what the user can do) and, for per-item errors, the ``path`` concerned.

- ``SyncError``: one item failed.  It is recorded, shown and retried with back-off; the
  rest of the folder keeps syncing.
- ``FatalError``: the folder or the account cannot sync right now (offline, login refused,
  disk full, folder missing).  The pass stops; nothing is lost.
"""

from __future__ import annotations

from cozysync.messages import Message, MessageId, message
from cozysync.phrases import Translate, phrase, translated

__all__ = [
    "AlreadyRunningError",
    "AntivirusBlockedError",
    "AuthError",
    "CaptivePortalError",
    "ClientCertificateError",
    "ConfigError",
    "CozySyncError",
    "DiskFullError",
    "FatalError",
    "FolderEmptiedError",
    "IntegrityError",
    "ItemChangedError",
    "LocalPermissionError",
    "MassDeletionError",
    "NameNotAllowedError",
    "OfflineError",
    "PausedError",
    "PreconditionFailedError",
    "ProtocolError",
    "QuotaExceededError",
    "RemoteItemMissingError",
    "RemoteLockedError",
    "RootGuardError",
    "SecretStoreError",
    "ServerError",
    "StoppedError",
    "SyncError",
    "UntrustedCertificateError",
]


class CozySyncError(Exception):
    """Base of every error cozysync raises on purpose."""

    message_id = MessageId.ERROR
    default_hint = ""
    # the HTTP status of the answer it translates, if any (the executor's breaker compares it)
    http_status: int | None = None

    def __init__(self, title: str, hint: str | None = None, path: str | None = None) -> None:
        super().__init__(title)
        self.title = title
        self.hint = hint if hint is not None else self.default_hint
        self.path = path

    def one_line(self) -> str:
        """The error as one line for a terminal or a log: path, title and hint."""
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.title}{hint}"

    def __str__(self) -> str:
        return self.one_line()

    def said(self, translate: Translate) -> tuple[str, str]:
        """(title, hint) in the language of ``translate(context, English)``: the words
        written as a ``phrase`` are translated, any other stays English."""
        return translated(self.title, translate), translated(self.hint, translate)

    @property
    def message(self) -> Message:
        """The error as a translatable message: the class's stable id, with ``path``,
        ``detail`` (the English title) and ``hint``."""
        return message(
            self.message_id, {"path": self.path, "detail": self.title, "hint": self.hint}
        )


class SyncError(CozySyncError):
    """One item could not be synced; the others go on."""

    message_id = MessageId.ERROR_ITEM


class FatalError(CozySyncError):
    """The folder or account cannot sync now; the pass stops, nothing is lost."""

    message_id = MessageId.ERROR_FATAL


# --- per item -------------------------------------------------------------------------


class PreconditionFailedError(SyncError):
    """The remote item changed since we last saw it (HTTP 412): handled as a conflict."""

    message_id = MessageId.ERROR_PRECONDITION_FAILED
    default_hint = "It changed on the server meanwhile; the next pass compares both versions."


class ItemChangedError(SyncError):
    """The local item changed while we worked on it: the action is retried next pass."""

    message_id = MessageId.ERROR_ITEM_CHANGED
    default_hint = "It is being edited; it will be synced once it stops changing."


class RemoteItemMissingError(SyncError):
    """The remote item (or its parent folder) is not there any more."""

    message_id = MessageId.ERROR_REMOTE_ITEM_MISSING
    default_hint = "It was moved or deleted on the server; the next pass catches up."


class RemoteLockedError(SyncError):
    message_id = MessageId.ERROR_REMOTE_LOCKED
    default_hint = "Someone has it open on the server; it will be retried."


class AntivirusBlockedError(SyncError):
    """The server's antivirus holds the file: it refuses to send or trash it (a Cozy's
    451).  Nothing this computer can do changes that; tried again with the back-off."""

    message_id = MessageId.ERROR_ANTIVIRUS_BLOCKED
    default_hint = (
        "Your cloud's antivirus flagged this file: it stays as it is on both sides. "
        "Open it in the cloud's web page to see why; cozysync tries again later."
    )


class NameNotAllowedError(SyncError):
    message_id = MessageId.ERROR_NAME_NOT_ALLOWED
    default_hint = "Rename it on this computer; it stays here until then."


class LocalPermissionError(SyncError):
    message_id = MessageId.ERROR_LOCAL_PERMISSION
    default_hint = "Check that you may read and write it, or close the program using it."


class IntegrityError(SyncError):
    message_id = MessageId.ERROR_INTEGRITY
    default_hint = "The transfer was damaged; it will be retried."


class ServerError(SyncError):
    """The server failed for this one request (5xx after retries, unexpected status)."""

    message_id = MessageId.ERROR_SERVER
    default_hint = "The server had a problem; it will be retried."


# --- whole folder / account -------------------------------------------------------------


class OfflineError(FatalError):
    message_id = MessageId.ERROR_OFFLINE
    default_hint = "Your changes are kept and will be sent when the connection is back."


class CaptivePortalError(OfflineError):
    """A Wi-Fi sign-in page answered in place of the server (an HTML page where XML or
    JSON was asked for, a redirect to another host, HTTP 511): nothing of it is read,
    no password is sent to it; the folder waits offline and tries again quietly."""

    message_id = MessageId.ERROR_CAPTIVE_PORTAL
    default_hint = (
        "Sign in to the Wi-Fi first (open any web page in a browser); syncing resumes by "
        "itself once the server answers."
    )


class UntrustedCertificateError(FatalError):
    """The server's certificate is not trusted by this computer (unknown authority,
    self-signed, expired, another name).  ``issuer`` and ``sha256`` describe it (empty
    when it could not be read); nothing was sent to the server."""

    message_id = MessageId.ERROR_CERTIFICATE_UNTRUSTED
    default_hint = (
        "Ask your school's IT: they install their certificate authority on this computer "
        "(or check the address). On a public Wi-Fi, sign in to it first."
    )

    def __init__(
        self, title: str, hint: str | None = None, path: str | None = None,
        *, host: str = "", issuer: str = "", sha256: str = "",
    ) -> None:  # fmt: skip
        super().__init__(title, hint, path)
        self.host, self.issuer, self.sha256 = host, issuer, sha256

    @property
    def message(self) -> Message:
        """As every error's, plus ``host``, ``issuer`` and ``sha256``."""
        return message(
            self.message_id,
            {
                "path": self.path, "detail": self.title, "hint": self.hint,
                "host": self.host, "issuer": self.issuer, "sha256": self.sha256,
            },
        )  # fmt: skip


class AuthError(FatalError):
    message_id = MessageId.ERROR_AUTH
    default_hint = (
        "Sign in again with the new password: cozysync login (or Sign in again in the "
        "tray). Link this folder again only for another user name."
    )


class QuotaExceededError(FatalError):
    message_id = MessageId.ERROR_QUOTA_EXCEEDED
    default_hint = "Your cloud is full: free some space on the server, then sync again."


class DiskFullError(FatalError):
    message_id = MessageId.ERROR_DISK_FULL
    default_hint = "This computer's disk is full: free some space, then sync again."


class ProtocolError(FatalError):
    message_id = MessageId.ERROR_PROTOCOL
    default_hint = "The server sent an answer cozysync cannot read; nothing was changed."


class RootGuardError(FatalError):
    message_id = MessageId.ERROR_ROOT_GUARD
    default_hint = "Check that the drive holding the folder is connected, then sync again."


class MassDeletionError(FatalError):
    """A guard stopped the pass before it deleted many items (sync/guards.py).

    ``side``: where the deletions would happen ("local": this computer's copies go to
    the trash; "remote": the server's); ``count`` of ``total`` synced items; ``paths``:
    a few of them, to show.  The user confirms, or puts them back."""

    message_id = MessageId.ERROR_MASS_DELETION
    default_hint = (
        "If you meant it, run the sync again with --confirm-deletes; if not, --put-back "
        "copies them back where they were deleted."
    )

    def __init__(
        self,
        title: str,
        hint: str | None = None,
        path: str | None = None,
        *,
        side: str = "remote",
        count: int = 0,
        total: int = 0,
        paths: tuple[str, ...] = (),
    ) -> None:
        super().__init__(title, hint, path)
        self.side, self.count, self.total, self.paths = side, count, total, paths

    @property
    def message(self) -> Message:
        """As every error's, plus ``side``, ``count``, ``total`` and ``paths`` (one per
        line) for the dialog that asks the user."""
        return message(
            self.message_id,
            {
                "path": self.path, "detail": self.title, "hint": self.hint, "side": self.side,
                "count": self.count, "total": self.total, "paths": "\n".join(self.paths),
            },
        )  # fmt: skip


class FolderEmptiedError(MassDeletionError):
    """The folder here, or a folder on the server, is empty where it held synced files."""

    message_id = MessageId.ERROR_FOLDER_EMPTIED


class PausedError(FatalError):
    """The user paused syncing: the pass stops at once, an in-flight transfer is dropped
    (its temp file removed, nothing journalled) and done again after the pause."""

    message_id = MessageId.ERROR_PAUSED
    default_hint = "Syncing resumes when you resume it (or when the pause ends)."


class StoppedError(FatalError):
    """Syncing was asked to stop (Ctrl-C, SIGTERM, the tray's Quit): the pass stops at
    once, as for a pause.  Never shown as a problem (the user asked for it), so it keeps
    ``FatalError``'s message id."""

    default_hint = "The next pass (cozysync sync, cozysync run) does what was left."


class AlreadyRunningError(FatalError):
    message_id = MessageId.ERROR_ALREADY_RUNNING
    default_hint = "Another cozysync is already syncing this folder; stop it first."


class ConfigError(FatalError):
    message_id = MessageId.ERROR_CONFIG
    default_hint = phrase("Check the folder's settings (cozysync list / cozysync link).")


class ClientCertificateError(FatalError):
    """The server asks for a client certificate that was not given, or refused the one
    given; or the certificate files cannot be used."""

    message_id = MessageId.ERROR_CLIENT_CERTIFICATE
    default_hint = (
        "This server only lets in computers with a certificate from your IT: link the "
        "folder again with --client-cert and --client-key (the files IT gave you)."
    )


class SecretStoreError(FatalError):
    message_id = MessageId.ERROR_SECRET_STORE
    default_hint = (
        "No keyring service is running. Start one (e.g. gnome-keyring) or link again "
        "with --insecure-file-store to keep the password in a file only you can read."
    )
