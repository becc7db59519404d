"""The words the tray and the status window show for the engine's values: a folder's
mode, a synced item, a problem.  One place, so both surfaces say the same thing."""

from __future__ import annotations

from pathlib import Path

from cozysync.api import FolderStatus
from cozysync.events import ItemAction
from cozysync_ui.i18n import translate
from cozysync_ui.itemmodels.sync_state import Activity, Problem

__all__ = [
    "action_label",
    "activity_label",
    "folder_label",
    "mode_help",
    "mode_label",
    "problem_label",
]


def mode_label(mode: str) -> str:
    return {
        "two-way": translate("Labels", "two-way sync"),
        "backup": translate("Labels", "backup"),
        "download-only": translate("Labels", "download only"),
    }.get(mode, mode)


def mode_help(mode: str) -> str:
    return {
        "two-way": translate(
            "Labels", "Changes made here go to the cloud, and the cloud's come here."
        ),
        "backup": translate(
            "Labels",
            "What you create or change here is sent to the cloud; nothing here is ever "
            "changed, and what you delete here stays in the cloud.",
        ),
        "download-only": translate(
            "Labels",
            "The cloud's changes come here; nothing is ever sent to the cloud.",
        ),
    }.get(mode, "")


def folder_label(status: FolderStatus) -> str:
    """ "Documents — backup · 3 files on the server only"."""
    label = f"{status.name} — {mode_label(status.mode)}"
    if status.mode == "backup" and status.kept_on_server:
        count = status.kept_on_server
        only_there = translate("Labels", "%n file(s) on the server only", None, count)
        label += f" · {only_there}"
    return label


def action_label(action: ItemAction | None) -> str:
    """What the engine did to an item, in the user's words ("" when unknown)."""
    if action is None:
        return ""
    return {
        ItemAction.UPLOADED: translate("Tray", "sent to the cloud"),
        ItemAction.DOWNLOADED: translate("Tray", "received from the cloud"),
        ItemAction.FOLDER_CREATED_REMOTE: translate("Tray", "folder created in the cloud"),
        ItemAction.FOLDER_CREATED_LOCAL: translate("Tray", "folder created on this computer"),
        ItemAction.MOVED_REMOTE: translate("Tray", "moved in the cloud"),
        ItemAction.MOVED_LOCAL: translate("Tray", "moved on this computer"),
        ItemAction.DELETED_REMOTE: translate("Tray", "deleted in the cloud"),
        ItemAction.DELETED_LOCAL_TO_TRASH: translate("Tray", "moved to the trash"),
        ItemAction.CONFLICT_COPY: translate("Tray", "changed on both sides: both kept"),
        ItemAction.CONFLICT_COPY_REMOTE: translate(
            "Tray", "changed on both sides: both kept in the cloud"
        ),
        ItemAction.TYPE_CLASH_COPY: translate(
            "Tray", "a file and a folder had one name: both kept"
        ),
        ItemAction.TYPE_CLASH_COPY_REMOTE: translate(
            "Tray", "a file and a folder had one name: both kept in the cloud"
        ),
    }.get(action, "")


def activity_label(activity: Activity) -> str:
    """ "élève.txt — sent to the cloud": what the engine did, in the user's language."""
    verb = action_label(activity.action) or activity.what
    return f"{Path(activity.rel_path).name} — {verb}"


def problem_label(problem: Problem) -> str:
    return f"{problem.path or problem.folder}: {problem.title}"
