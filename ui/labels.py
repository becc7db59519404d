"""The words the tray and the status window show for the engine's values: a folder's
mode, a synced item, a problem.  One place, so both surfaces say the same thing."""

from __future__ import annotations

from pathlib import Path

from cozysync.api import FolderStatus
from cozysync_ui.i18n import translate
from cozysync_ui.itemmodels.sync_state import Activity, Problem

__all__ = ["activity_label", "folder_label", "mode_help", "mode_label", "problem_label"]


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
    """ "Documents — backup · 3 items on the server only"."""
    label = f"{status.name} — {mode_label(status.mode)}"
    if status.mode == "backup" and status.kept_on_server:
        count = status.kept_on_server
        only_there = translate("Labels", "%n item(s) on the server only", None, count)
        label += f" · {only_there}"
    return label


def activity_label(activity: Activity) -> str:
    """ "élève.txt — sent to the cloud": the engine's ``what`` in the user's language."""
    verbs = {
        "uploaded": translate("Tray", "sent to the cloud"),
        "downloaded": translate("Tray", "received from the cloud"),
        "folder created on the server": translate("Tray", "folder created in the cloud"),
        "folder created": translate("Tray", "folder created on this computer"),
        "deleted on the server": translate("Tray", "deleted in the cloud"),
        "moved to the trash": translate("Tray", "moved to the trash"),
        "changed on both sides: both versions kept": translate("Tray", "changed on both sides"),
    }
    verb = verbs.get(activity.what)
    if verb is None and activity.what.startswith("moved on the server from"):
        verb = translate("Tray", "moved in the cloud")
    elif verb is None and activity.what.startswith("moved here from"):
        verb = translate("Tray", "moved on this computer")
    return f"{Path(activity.rel_path).name} — {verb or activity.what}"


def problem_label(problem: Problem) -> str:
    return f"{problem.path or problem.folder}: {problem.title}"
