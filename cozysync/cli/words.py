"""The CLI's sentences in the user's language (``cozysync.i18n``: French when the
locale says so, English otherwise); the text output of ``output`` asks here.  English
keeps the engine's own words (scripts and tests read them); another language takes the
message titles and hints the app shows (``cozysync.message_texts``) and builds a pass's
summary from its counts, with plural forms."""

from __future__ import annotations

from cozysync.errors import CozySyncError
from cozysync.events import StatusChanged, StatusKind
from cozysync.folder_state import state_text
from cozysync.i18n import language, translate
from cozysync.message_texts import MessageTexts, message_texts
from cozysync.messages import Message, MessageId
from cozysync.service.results import FolderStatus, ItemProblem, SyncOutcome

__all__ = [
    "count_words",
    "decimal_words",
    "error_line",
    "event_detail",
    "label",
    "message_words",
    "outcome_summary",
    "problem_words",
    "state_words",
    "status_detail",
    "translate",
]

LABEL_WIDTH = {"en": 13, "fr": 19}  # "  folder:      /home/...": the values line up


def label(said: str) -> str:
    """ "  folder:      " — an indented status label, padded so the values line up."""
    return f"  {said:<{LABEL_WIDTH.get(language(), 13)}}"


def count_words(count: int) -> str:
    """A count grouped as the language writes it: "2,000", "2 000"."""
    grouped = f"{count:,}"
    return grouped if _english() else grouped.replace(",", "\u202f")


def decimal_words(value: float, decimals: int) -> str:
    """ "1.2" in English, "1,2" in French."""
    said = f"{value:.{decimals}f}"
    return said if _english() else said.replace(".", ",")


def state_words(kind: StatusKind) -> str:
    said = {
        StatusKind.UP_TO_DATE: translate("CLI", "up to date"),
        StatusKind.SYNCING: translate("CLI", "syncing"),
        StatusKind.OFFLINE: translate("CLI", "offline"),
        StatusKind.PAUSED: translate("CLI", "paused"),
        StatusKind.NEEDS_ATTENTION: translate("CLI", "needs attention"),
        StatusKind.NEVER_SYNCED: translate("CLI", "never synced"),
    }
    return said.get(kind, state_text(kind))


def _english() -> bool:
    return language() == "en"


def message_words(found: Message | None, english_title: str, english_hint: str) -> MessageTexts:
    """A message's title and hint: the engine's English, or the catalogue's translation
    (with the CLI's own hint where the app's names a button)."""
    if _english() or found is None:
        return MessageTexts(english_title, english_hint)
    said = message_texts(found.id, english_title, english_hint, found.args, translate=translate)
    return MessageTexts(said.title, _cli_hints().get(found.id, said.hint))


def _cli_hints() -> dict[str, str]:
    """What to do, said with commands, where the app's hint names its own buttons."""
    return {
        "error.auth": translate(
            "CLI",
            "Sign in again with the new password: cozysync login. Link this folder again "
            "only for another user name.",
        ),
        "error.mass_deletion": translate(
            "CLI",
            "If you meant it, run the sync again with --confirm-deletes; if not, --put-back "
            "copies them back where they were deleted.",
        ),
        "error.secret_store": translate(
            "CLI",
            "No keyring service is running. Start one (e.g. gnome-keyring) or link again "
            "with --insecure-file-store to keep the password in a file only you can read.",
        ),
        "error.client_certificate": translate(
            "CLI",
            "This server only lets in computers with a certificate from your IT: link the "
            "folder again with --client-cert and --client-key (the files IT gave you).",
        ),
    }


def problem_words(problem: ItemProblem) -> MessageTexts:
    return message_words(problem.message, problem.title, problem.hint)


# errors whose class says little (bad settings or input, any failure): their English
# words say what to change, which a class's translated title cannot
_SPECIFIC_ONLY = frozenset({MessageId.ERROR, MessageId.ERROR_FATAL, MessageId.ERROR_CONFIG})


def error_line(error: CozySyncError) -> str:
    """An error as one line for the terminal (path, title, hint)."""
    if _english():
        return error.one_line()
    if error.message_id in _SPECIFIC_ONLY:  # its own words, translated if written as a phrase
        title, hint = error.said(translate)
        where = f"{error.path}: " if error.path else ""
        return f"{where}{title}" + (f" ({hint})" if hint else "")
    said = message_words(error.message, error.title, error.hint)
    where = f"{error.path}: " if error.path else ""
    return f"{where}{said.title}" + (f" ({said.hint})" if said.hint else "")


def status_detail(status: FolderStatus) -> str:
    """What follows a folder's state in ``status`` ("" when nothing more is known)."""
    if _english():
        return status.detail if status.detail and status.detail != state_text(status.kind) else ""
    if status.stopped_by is not None:
        return message_words(status.stopped_by, status.detail, "").title
    if status.kind is StatusKind.OFFLINE:
        return translate("CLI", "%n changes waiting", status.pending_changes)
    if status.kind is StatusKind.NEEDS_ATTENTION:
        pending = status.pending_changes
        parts = [translate("CLI", "%n local changes not sent yet", pending)] if pending else []
        names = len(status.unstorable)
        parts += _waiting(len(status.errors), status.conflicts, names, len(status.held_back))
        return "; ".join(parts)
    return ""


def event_detail(event: StatusChanged) -> str:
    """What follows a state in ``run``'s line after each pass ("" when nothing more)."""
    if _english():
        return event.detail
    if event.stopped_by is not None:
        return message_words(event.stopped_by, event.detail, "").title
    if event.kind is StatusKind.OFFLINE:
        return translate("CLI", "%n changes waiting", event.pending_changes)
    if event.kind is StatusKind.NEEDS_ATTENTION:
        return "; ".join(_waiting(event.errors, event.conflicts, 0, 0))
    return ""


def _waiting(errors: int, conflicts: int, names: int, held: int) -> list[str]:
    """What waits for a retry or for the user, each with its count (none when 0)."""
    counted = (
        (errors, translate("CLI", "%n items could not be synced", errors)),
        (conflicts, translate("CLI", "%n conflicts waiting (cozysync conflicts)", conflicts)),
        (names, translate("CLI", "%n names to change before they can sync", names)),
        (held, translate("CLI", "%n items held back", held)),
    )
    return [text for count, text in counted if count]


def outcome_summary(outcome: SyncOutcome) -> str:
    """A pass's one-line summary: the engine's English, or built from its counts."""
    if _english():
        return outcome.message
    parts: list[str] = []
    if outcome.stopped_by is not None:
        parts.append(message_words(outcome.stopped_by, outcome.message, "").title)
    if outcome.kind in (StatusKind.OFFLINE, StatusKind.PAUSED):
        parts.append(translate("CLI", "%n changes waiting", outcome.pending_changes))
        return ", ".join(parts)
    if outcome.actions_done:
        parts.append(translate("CLI", "%n changes made", outcome.actions_done))
    waiting = _waiting(
        len(outcome.errors), outcome.conflicts, len(outcome.unstorable), len(outcome.held_back)
    )
    parts.extend(waiting)
    if outcome.in_sync and not waiting:
        parts.append(translate("CLI", "in sync"))
    if outcome.kept_on_server:
        parts.append(translate("CLI", "%n files on the server only", outcome.kept_on_server))
    return ", ".join(parts)
