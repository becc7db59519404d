"""What ``unlink``, ``restore``, ``pause`` and ``resume`` say when they are done, in
the user's language (issue 16, item 6; ``translate("CLI", ...)``, the ``.ts`` holds
the French).  A path or a folder's name is shown as it is."""

from __future__ import annotations

import math
import time

from cozysync.cli.output import size_words
from cozysync.cli.words import count_words, message_words
from cozysync.i18n import translate
from cozysync.message_texts import message_texts
from cozysync.messages import Message
from cozysync.service.results import RestoreResult, UnlinkResult

__all__ = [
    "lift_every_pause_words",
    "pause_words",
    "restore_lines",
    "resumed_words",
    "still_paused_words",
    "unlink_notice_lines",
    "unlink_warning_words",
    "unlinked_words",
]


def unlinked_words(result: UnlinkResult) -> str:
    """ "Unlinked 'docs'." (and its local files deleted, if asked)."""
    if result.wiped_local:
        said = translate("CLI", "Unlinked '%1' and deleted its local files.")
    else:
        said = translate("CLI", "Unlinked '%1'.")
    return said.replace("%1", result.name)


def unlink_warning_words(warning: str) -> str:
    """A step of the unlink that could not be done (the engine's English detail)."""
    return translate("CLI", "cozysync: warning: %1").replace("%1", warning)


def unlink_notice_lines(notice: Message) -> list[str]:
    """What the server was told at the unlink (a Nextcloud app password revoked, or
    still working there), its title then what to do, in the user's language."""
    english = message_texts(notice.id, notice.text(), "", notice.args)
    said = message_words(notice, english.title, english.hint)
    return [said.title + ".", *([said.hint] if said.hint else [])]


def restore_lines(result: RestoreResult, shown: int) -> tuple[list[str], list[str]]:
    """What ``restore`` says: (lines for stdout, lines for stderr), at most ``shown``
    paths not overwritten."""
    count = len(result.restored)
    said = translate("CLI", "Restored %n item(s) (%1) into %2.", count, count_words(count))
    out = [said.replace("%1", size_words(result.bytes_written)).replace("%2", result.local_dest)]
    if result.already_there:
        same = len(result.already_there)
        out.append(
            translate(
                "CLI",
                "%n file(s) were already there with the same content.",
                same,
                count_words(same),
            )
        )
    err = [
        translate("CLI", "cozysync: not overwritten (something else is there): %1").replace(
            "%1", rel
        )
        for rel in result.not_overwritten[:shown]
    ]
    more = len(result.not_overwritten) - shown
    if more > 0:
        err.append(
            translate("CLI", "cozysync: ... and %n more not overwritten", more, count_words(more))
        )
    for problem in result.failed:
        line = translate("CLI", "cozysync: not restored: %1: %2")
        err.append(line.replace("%1", problem.path).replace("%2", problem.title))
    return out, err


def pause_words(until: float | None) -> str:
    """ "paused until 14:05" (local time; the date too when not today), or "paused
    until resumed (cozysync resume)"."""
    if until is None or until == math.inf:
        return translate("CLI", "paused until resumed (cozysync resume)")
    same_day = time.localtime(until)[:3] == time.localtime()[:3]
    shown = time.strftime("%H:%M:%S" if same_day else "%Y-%m-%d %H:%M:%S", time.localtime(until))
    return translate("CLI", "paused until %1").replace("%1", shown)


def resumed_words(name: str) -> str:
    return translate("CLI", "%1: resumed").replace("%1", name)


def still_paused_words(name: str, until: float | None) -> str:
    """The folder's own pause is lifted, but every folder is still paused."""
    said = translate("CLI", "%1: still %2 (all folders are paused)")
    return said.replace("%1", name).replace("%2", pause_words(until))


def lift_every_pause_words() -> str:
    return translate("CLI", "Lift the pause of all folders with: cozysync resume")
