"""The engine's messages in words for a person: each ``MessageId`` a short title (what
happened) and a hint (what to do), English here and translated by the caller's
``translate`` — Qt's in the app (``cozysync_ui.messages``), ``cozysync.i18n.translate``
in the CLI — so that both show the same words, written once (context "Messages" of
``ui/resources/i18n/cozysync_fr.ts``).  An id it does not know (a newer engine) falls
back to the engine's English words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["MessageTexts", "Translate", "known_ids", "message_table", "message_texts"]

Translate = Callable[[str, str], str]


@dataclass(frozen=True, slots=True)
class MessageTexts:
    title: str
    hint: str


def message_table(translate: Translate) -> dict[str, tuple[str, str]]:
    """id → (title, hint), each through ``translate(context, English)`` now (so a change
    of language applies)."""
    return {
        "error.generic": (
            translate("Messages", "Something went wrong with this item"),
            translate("Messages", "It will be tried again at the next sync."),
        ),
        "error.item": (
            translate("Messages", "This item could not be synced"),
            translate("Messages", "It will be tried again at the next sync."),
        ),
        "error.fatal": (
            translate("Messages", "Syncing stopped"),
            translate("Messages", "It will be tried again in a moment."),
        ),
        "error.precondition_failed": (
            translate("Messages", "It changed in the cloud meanwhile"),
            translate("Messages", "The next sync compares both versions."),
        ),
        "error.item_changed": (
            translate("Messages", "It is being edited"),
            translate("Messages", "It will be synced once it stops changing."),
        ),
        "error.remote_item_missing": (
            translate("Messages", "It is not in the cloud any more"),
            translate(
                "Messages", "It was moved or deleted in the cloud; the next sync catches up."
            ),
        ),
        "error.remote_locked": (
            translate("Messages", "Someone has it open in the cloud"),
            translate("Messages", "It will be tried again."),
        ),
        "error.antivirus_blocked": (
            translate("Messages", "The cloud's antivirus blocked this file"),
            translate(
                "Messages",
                "It stays as it is on both sides. Open it in the cloud's web page to see "
                "why; it will be tried again later.",
            ),
        ),
        "error.name_not_allowed": (
            translate("Messages", "The cloud does not accept this name"),
            translate("Messages", "Rename it on this computer; it stays here until then."),
        ),
        "error.local_permission": (
            translate("Messages", "cozysync may not read or change it"),
            translate(
                "Messages", "Check that you may read and write it, or close the program using it."
            ),
        ),
        "error.integrity": (
            translate("Messages", "The transfer was damaged"),
            translate("Messages", "It will be tried again."),
        ),
        "error.server": (
            translate("Messages", "The server had a problem with it"),
            translate("Messages", "It will be tried again."),
        ),
        "error.access_refused": (
            translate("Messages", "The cloud refused to let cozysync change it"),
            translate("Messages", "Check that you may change it in the cloud."),
        ),
        "error.offline": (
            translate("Messages", "Your cloud cannot be reached"),
            translate(
                "Messages", "Your changes are kept and will be sent when the connection is back."
            ),
        ),
        "error.auth": (
            translate("Messages", "Your cloud refused the login"),
            translate(
                "Messages",
                "Choose Sign in again (in the menu, the window or the notification) and "
                "give the new password, or approve this computer again on your Cozy.",
            ),
        ),
        "error.quota_exceeded": (
            translate("Messages", "Your cloud is full"),
            translate("Messages", "Free some space in your cloud, then sync again."),
        ),
        "error.disk_full": (
            translate("Messages", "This computer's disk is full"),
            translate("Messages", "Free some space on this computer, then sync again."),
        ),
        "error.protocol": (
            translate("Messages", "The server sent an answer cozysync cannot read"),
            translate("Messages", "Nothing was changed. It will be tried again later."),
        ),
        "error.root_guard": (
            translate("Messages", "The folder is missing or looks emptied"),
            translate(
                "Messages",
                "Check that the drive holding the folder is connected, then sync again.",
            ),
        ),
        "error.mass_deletion": (
            translate(
                "Messages",
                "Many files were deleted on one side: nothing is deleted on the other yet",
            ),
            translate(
                "Messages",
                "Choose “Review deletions…” on the folder: put the files back, or delete them "
                "on the other side too.",
            ),
        ),
        "error.folder_emptied": (
            translate(
                "Messages", "A folder looks emptied: nothing is deleted on the other side yet"
            ),
            translate(
                "Messages",
                "If a drive or your cloud has a problem, wait until it is back. Else choose "
                "“Review deletions…” on the folder: put the files back, or delete them on the "
                "other side too.",
            ),
        ),
        "error.already_running": (
            translate("Messages", "Another cozysync is already syncing this folder"),
            translate("Messages", "Stop the other one first."),
        ),
        "error.config": (
            translate("Messages", "The folder's settings are not valid"),
            translate("Messages", "Unlink the folder and link it again."),
        ),
        "error.secret_store": (
            translate("Messages", "The password keeper (keyring) cannot be used"),
            translate(
                "Messages",
                "Start it (for example gnome-keyring), or link again keeping the password "
                "in a file only you can read.",
            ),
        ),
        "error.paused": (
            translate("Messages", "Syncing is paused"),
            translate("Messages", "It resumes when you resume it, or when the pause ends."),
        ),
        "item.unstorable": (
            translate("Messages", "This name cannot be stored on the other side"),
            translate("Messages", "Rename it on this computer; it stays here until then."),
        ),
        "item.name_clash": (
            translate("Messages", "Two names differ only by upper or lower case"),
            translate("Messages", "Rename one of them; both stay where they are until then."),
        ),
        "item.link": (
            translate("Messages", "This is a shortcut (a link): it is not synced"),
            translate(
                "Messages",
                "cozysync never follows links; the copy on your cloud is kept. Put the real "
                "folder or file back here to sync it again.",
            ),
        ),
        "item.special": (
            translate("Messages", "This is a special system file: it is not synced"),
            translate("Messages", "Devices, pipes and sockets are never synced."),
        ),
        "item.unreadable": (
            translate("Messages", "This folder cannot be opened: nothing in it is synced"),
            translate(
                "Messages",
                "Your account is not allowed to read it; the copy on your cloud is kept. Ask "
                "whoever manages this computer to give you access, or move it out of the "
                "synced folder.",
            ),
        ),
        "item.bad_name": (
            translate("Messages", "This name cannot be read: it is not synced"),
            translate("Messages", "Rename it on this computer, then it syncs."),
        ),
        "error.certificate_untrusted": (
            translate(
                "Messages",
                "The server's certificate is not trusted by this computer: ask your school's IT",
            ),
            translate(
                "Messages",
                "Certificate issued by {issuer}, SHA-256 fingerprint {sha256}. Your IT can "
                "compare it with theirs and install their certificate authority on this "
                "computer. On a public Wi-Fi, sign in to it first.",
            ),
        ),
        "error.client_certificate": (
            translate("Messages", "This server asks for a certificate this computer lacks"),
            translate(
                "Messages",
                "Only computers with a certificate from your IT may sync with it: link the "
                "folder again with the certificate and key files they gave you.",
            ),
        ),
        "error.captive_portal": (
            translate("Messages", "Sign in to the Wi-Fi first"),
            translate(
                "Messages",
                "A Wi-Fi sign-in page answered instead of your cloud. Open any web page in a "
                "browser to sign in: syncing resumes by itself, your changes are kept.",
            ),
        ),
        "error.proxy_login": (
            translate("Messages", "The proxy refused your login"),
            translate(
                "Messages",
                "The proxy of this network wants a user name and password, or refused the "
                "ones given: nothing reached your cloud. Check them with your IT, then set "
                "them again (cozysync proxy set, or Preferences).",
            ),
        ),
        "error.proxy_pac": (
            translate("Messages", "The proxy configuration file cannot be used"),
            translate(
                "Messages",
                "This network's automatic proxy settings (its PAC file) are broken: nothing "
                "was sent. Ask your IT to check them, or choose the proxy by hand (cozysync "
                "proxy set, or Preferences).",
            ),
        ),
        "error.place_taken": (
            translate("Messages", "Something else is at its place: nothing was overwritten"),
            translate(
                "Messages",
                "Put it back in another folder (Put back in…, or --to DIR), or move what is "
                "there first.",
            ),
        ),
        "error.not_deleted": (
            translate("Messages", "This item is not among the folder's deleted files"),
            translate("Messages", "See them with: cozysync trash (or Deleted files… in the app)."),
        ),
        "error.no_such_folder": (
            translate("Messages", "There is no such folder in the synced folder"),
            translate("Messages", "Choose a folder that exists inside the synced folder."),
        ),
        "error.no_server_trash": (
            translate("Messages", "This server has no trash cozysync can read"),
            translate(
                "Messages",
                "Only what cozysync put in this computer's trash can be put back here.",
            ),
        ),
        "error.trash_offline": (
            translate("Messages", "Your cloud cannot be reached to look in its trash"),
            translate("Messages", "Try again once online; nothing was changed."),
        ),
        "error.put_back_failed": (
            translate("Messages", "This item could not be put back"),
            translate("Messages", "It is still in this computer's trash: put it back from there."),
        ),
        "warning.cozy": (
            translate("Messages", "Your Cozy has a message for you"),
            translate("Messages", "Open your Cozy in a browser to read it."),
        ),
        "warning.cozy_terms": (
            translate("Messages", "Your Cozy asks you to accept its new terms of service"),
            translate(
                "Messages",
                "Open your Cozy in a browser and accept them before their deadline: syncing "
                "stops after it.",
            ),
        ),
        "notice.invitation": (
            translate("Messages", "{owner} invites you to share '{title}'"),
            translate(
                "Messages",
                "Accept or decline it in the window (or with: cozysync invitations). Once "
                "accepted, the folder comes down with the next sync.",
            ),
        ),
        "notice.app_password_revoked": (
            translate(
                "Messages", "The app password made for this computer was revoked on {server}"
            ),
            translate("Messages", "Nothing of it is left on this computer or on the server."),
        ),
        "warning.app_password_left": (
            translate(
                "Messages", "The app password made for this computer still works on {server}"
            ),
            translate(
                "Messages",
                "The server could not be reached to revoke it; nothing of it is kept on this "
                "computer. To revoke it, open {server} in a browser: Settings, Security, "
                "Devices & sessions, and delete cozysync's entry.",
            ),
        ),
        "warning.cozy_nearly_full": (
            translate("Messages", "Your Cozy is nearly full"),
            translate(
                "Messages", "Free some space on your Cozy (empty its trash) before it is full."
            ),
        ),
        "item.read_only_share": (
            translate(
                "Messages",
                "'{name}' is shared with you read-only by {owner}: your change stays on this "
                "computer",
            ),
            translate(
                "Messages",
                "The owner's next update replaces it on your cloud; when the owner changes it, "
                "your version is kept here as a copy. Send it to the owner, or save it outside "
                "the shared folder.",
            ),
        ),
    }


def _english(context: str, source: str) -> str:
    return source


def known_ids() -> set[str]:
    return set(message_table(_english))


def message_texts(
    message_id: str | None,
    english_title: str,
    english_hint: str,
    params: Mapping[str, object] | None = None,
    *,
    translate: Translate = _english,
) -> MessageTexts:
    """The title and hint of message ``message_id``, its ``{name}`` fields filled from
    ``params``; the engine's English words when the id is unknown (or missing), or when a
    field has no value."""
    found = message_table(translate).get(message_id or "")
    if found is None:
        return MessageTexts(english_title, english_hint)
    try:
        return MessageTexts(*(text.format_map(params or {}) for text in found))
    except (KeyError, IndexError, ValueError):
        return MessageTexts(english_title, english_hint)
