"""Translatable messages: a stable id plus named parameters.

The engine's events and snapshots carry a ``Message`` next to their English text, so a
user interface can translate by ``id`` (and fill in ``params``) while the CLI keeps
printing ``text()``, the English it always printed.  Ids never change once released;
a new wording in English keeps the id, a new meaning gets a new id.

Parameters are plain ``str``/``int``/``float`` values; ``detail`` (when present) is the
English specifics of an error, for a UI that has no translation for them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Message", "MessageId", "counted", "message"]

ParamValue = str | int | float


class MessageId(enum.StrEnum):
    """Every message id the engine emits (the ``error.*`` ones name an error class)."""

    # -- a folder's state (StatusChanged.message, FolderStatus.message) -------------------
    STATUS_UP_TO_DATE = "status.up_to_date"  # params: kept_on_server (backup: files there only)
    STATUS_SYNCING = "status.syncing"
    STATUS_OFFLINE = "status.offline"  # params: pending_changes, detail
    STATUS_PAUSED = "status.paused"  # params: until (unix time, 0 = until resumed)
    STATUS_NEEDS_ATTENTION = "status.needs_attention"  # params: conflicts, errors, names
    STATUS_STOPPED = "status.stopped"  # a folder-wide error stopped the pass: error, detail
    STATUS_NEVER_SYNCED = "status.never_synced"
    # -- errors: one id per class of cozysync.errors (params: path, detail, hint) --------
    ERROR = "error.generic"
    ERROR_ITEM = "error.item"
    ERROR_FATAL = "error.fatal"
    ERROR_PRECONDITION_FAILED = "error.precondition_failed"
    ERROR_ITEM_CHANGED = "error.item_changed"
    ERROR_REMOTE_ITEM_MISSING = "error.remote_item_missing"
    ERROR_REMOTE_LOCKED = "error.remote_locked"
    ERROR_ANTIVIRUS_BLOCKED = "error.antivirus_blocked"
    ERROR_NAME_NOT_ALLOWED = "error.name_not_allowed"
    ERROR_LOCAL_PERMISSION = "error.local_permission"
    ERROR_INTEGRITY = "error.integrity"
    ERROR_SERVER = "error.server"
    ERROR_ACCESS_REFUSED = "error.access_refused"
    ERROR_OFFLINE = "error.offline"
    ERROR_AUTH = "error.auth"
    ERROR_QUOTA_EXCEEDED = "error.quota_exceeded"
    ERROR_DISK_FULL = "error.disk_full"
    ERROR_PROTOCOL = "error.protocol"
    ERROR_ROOT_GUARD = "error.root_guard"
    ERROR_MASS_DELETION = "error.mass_deletion"
    ERROR_FOLDER_EMPTIED = "error.folder_emptied"
    ERROR_ALREADY_RUNNING = "error.already_running"
    ERROR_CONFIG = "error.config"
    ERROR_SECRET_STORE = "error.secret_store"
    ERROR_PAUSED = "error.paused"
    # -- school and public networks (docs/school-networks.md) ----------------------------
    ERROR_CERTIFICATE_UNTRUSTED = "error.certificate_untrusted"  # + host, issuer, sha256
    ERROR_CLIENT_CERTIFICATE = "error.client_certificate"
    ERROR_CAPTIVE_PORTAL = "error.captive_portal"  # the folder waits offline: sign in
    ERROR_PROXY_LOGIN = "error.proxy_login"  # the proxy refused its login (HTTP 407)
    ERROR_PROXY_PAC = "error.proxy_pac"  # the proxy configuration file (PAC) is unusable
    # -- deleted files put back (issue 18, service/deleted_files.py): path, detail, hint --
    ERROR_PLACE_TAKEN = "error.place_taken"  # something is at its place: nothing overwritten
    ERROR_NOT_DELETED = "error.not_deleted"  # not among the folder's deleted files
    ERROR_NO_SUCH_FOLDER = "error.no_such_folder"  # --to names no folder of the synced one
    ERROR_NO_SERVER_TRASH = "error.no_server_trash"  # plain WebDAV: no trash to restore from
    ERROR_TRASH_OFFLINE = "error.trash_offline"  # the server's trash cannot be reached
    ERROR_PUT_BACK_FAILED = "error.put_back_failed"  # still in this computer's trash
    # -- items waiting for the user (ItemProblem.kind "unstorable" / "clash") ------------
    ITEM_UNSTORABLE = "item.unstorable"  # params: path, detail
    ITEM_NAME_CLASH = "item.name_clash"  # params: path, detail
    # -- items the local scan holds back (ItemProblem.kind "held-back" / "not-synced") --
    ITEM_LINK = "item.link"  # params: path, detail
    ITEM_SPECIAL = "item.special"  # params: path, detail
    ITEM_UNREADABLE = "item.unreadable"  # params: path, detail
    ITEM_BAD_NAME = "item.bad_name"  # params: path, detail
    # -- what a Cozy tells about the account (remotes/cozy_settings.py): params detail ---
    WARNING_COZY = "warning.cozy"  # link (may be absent)
    WARNING_COZY_TERMS = "warning.cozy_terms"  # link: the page to accept them
    WARNING_COZY_NEARLY_FULL = "warning.cozy_nearly_full"  # path, free, quota
    # -- a change kept here: it is in a folder shared read-only (kind "not-synced") -------
    ITEM_READ_ONLY_SHARE = "item.read_only_share"  # params: path, name, owner, detail
    # -- an invitation to a shared folder (events.InvitationReceived) -----------------
    NOTICE_INVITATION = "notice.invitation"  # params: title, owner
    # -- a Nextcloud folder unlinked (service/app_password.py): params server ----------
    NOTICE_APP_PASSWORD_REVOKED = "notice.app_password_revoked"
    WARNING_APP_PASSWORD_LEFT = "warning.app_password_left"  # + detail: why not revoked


# English templates (``str.format`` with the params).  A message without a template here
# shows its ``detail``.
_ENGLISH: dict[str, str] = {
    MessageId.STATUS_UP_TO_DATE: "up to date",
    MessageId.STATUS_SYNCING: "syncing",
    MessageId.STATUS_OFFLINE: "offline, {pending_changes} changes waiting",
    MessageId.STATUS_PAUSED: "paused",
    MessageId.STATUS_NEEDS_ATTENTION: "needs attention",
    MessageId.STATUS_NEVER_SYNCED: "never synced",
    MessageId.ITEM_READ_ONLY_SHARE: (
        "'{name}' is shared with you read-only by {owner}: your change stays on this computer"
    ),
    MessageId.NOTICE_INVITATION: "{owner} invites you to share '{title}'",
    MessageId.NOTICE_APP_PASSWORD_REVOKED: (
        "the app password made for this computer was revoked on {server}"
    ),
    MessageId.WARNING_APP_PASSWORD_LEFT: (
        "the app password made for this computer still works on {server} ({detail})"
    ),
}
# ... and where a count of one takes another noun: (the count's param, the template)
_ENGLISH_ONE: dict[str, tuple[str, str]] = {
    MessageId.STATUS_OFFLINE: ("pending_changes", "offline, 1 change waiting"),
}


@dataclass(frozen=True, slots=True)
class Message:
    """A stable ``id`` (a ``MessageId`` value) and its parameters, as sorted pairs (so the
    message stays immutable and hashable); ``args`` gives them as a dict."""

    id: str
    params: tuple[tuple[str, ParamValue], ...] = ()

    @property
    def args(self) -> dict[str, ParamValue]:
        return dict(self.params)

    def text(self) -> str:
        """The English text (what the CLI prints)."""
        args = self.args
        template = _ENGLISH.get(self.id)
        count_param, one = _ENGLISH_ONE.get(self.id, ("", ""))
        if count_param and args.get(count_param) == 1:
            template = one
        if template is not None:
            try:
                return template.format(**args)
            except (KeyError, IndexError):
                pass
        return str(args.get("detail", self.id))


def message(message_id: str, params: Mapping[str, ParamValue | None] | None = None) -> Message:
    """A ``Message`` with ``params`` (None values left out), sorted by name."""
    pairs = sorted((k, v) for k, v in (params or {}).items() if v is not None)
    return Message(str(message_id), tuple(pairs))


def counted(count: int, one: str, other: str) -> str:
    """``count`` with the English noun phrase that agrees with it ("1 change made",
    "2 changes made"): the engine's English details; the CLI and the app say them in
    the user's language from the counts."""
    return f"{count} {one if count == 1 else other}"
