"""What the CLI prints: text for people, ``--json`` for tools, a progress line on a TTY.

Nothing printed here ever holds a password: the dataclasses printed carry none.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

from cozysync.api import ConflictInfo, FolderStatus, ItemProblem, SyncOutcome
from cozysync.byte_sizes import size_words
from cozysync.cli.words import (
    count_words,
    error_line,
    label,
    message_words,
    outcome_summary,
    problem_words,
    state_words,
    status_detail,
    translate,
)
from cozysync.events import (
    ConflictFound,
    ErrorRaised,
    Event,
    ItemSynced,
    PassFinished,
    ProgressChanged,
    StatusKind,
)
from cozysync.folder_state import state_text
from cozysync.messages import Message
from cozysync.progress_estimate import Progress, ProgressEstimate

__all__ = [
    "ProgressLine",
    "error_line",
    "outcome_summary",
    "print_conflicts",
    "print_json",
    "print_outcome",
    "print_pairs",
    "print_status",
    "progress_words",
    "size_words",
    "time_left_words",
]

_ERRORS_SHOWN = 20  # a sync's outcome lists this many failed items; status lists them all


def safe(text: str) -> str:
    """Text as a terminal may show it: control characters in names (a server may send
    any) are escaped, never sent raw (they could split a line or be terminal escape
    sequences); only a final line break is kept."""
    end = "\n" if text.endswith("\n") else ""
    body = text[: len(text) - len(end)]
    return (
        "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in body)
        + end
    )


def print_json(items: Sequence[object], out: TextIO = sys.stdout) -> None:
    data = [_json_of(item) for item in items]
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _json_of(item: object) -> dict[str, object]:
    """A dataclass as JSON; a folder's state also in the CLI's words ("state"), which
    scripts read beside its ``kind``."""
    data: dict[str, object] = dataclasses.asdict(item)  # type: ignore[call-overload]
    if isinstance(item, FolderStatus):
        data["state"] = state_text(item.kind)
        data["warnings"] = [_warning_json(w) for w in item.warnings]
    return data


def _warning_json(warning: Message) -> dict[str, object]:
    """A server's standing warning for scripts: its id, the English words, the user's
    words and the page to open (None when it gave none)."""
    words = message_words(warning, warning.text(), "")
    link = warning.args.get("link")
    return {"id": warning.id, "detail": warning.text(), "text": words.title, "link": link}


def warning_words(warning: Message) -> str:
    """A server's warning in one line, in the user's language, with its page."""
    said = message_words(warning, warning.text(), "").title
    link = str(warning.args.get("link") or "")
    return said if not link or link in said else f"{said}: {link}"


def _when(timestamp: float | None) -> str:
    if timestamp is None:
        return translate("CLI", "never")
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))


def _no_folder() -> str:
    return translate("CLI", "No folder is linked. Link one with: cozysync link DIR URL") + "\n"


def print_status(statuses: Sequence[FolderStatus], out: TextIO = sys.stdout) -> None:
    if not statuses:
        out.write(_no_folder())
    for s in statuses:
        line = status_detail(s)
        said = state_words(s.kind)
        out.write(safe(f"{s.name}: {said}" + (f" ({line})" if line else "") + "\n"))
        out.write(safe(f"{label(translate('CLI', 'folder:'))}{s.local_root}\n"))
        out.write(safe(f"{label(translate('CLI', 'server:'))}{s.remote_url}\n"))
        if s.mode != "two-way":
            out.write(safe(f"  mode:        {s.mode}\n"))
        out.write(safe(f"{label(translate('CLI', 'last sync:'))}{_when(s.last_sync_at)}\n"))
        if s.kind is StatusKind.PAUSED:
            until = translate("CLI", "until you resume (cozysync resume)")
            if s.paused_until is not None:
                until = translate("CLI", "until %1").replace("%1", _when(s.paused_until))
            out.write(safe(f"{label(translate('CLI', 'paused:'))}{until}\n"))
        if s.kept_on_server:
            kept = translate(
                "CLI", "%n files on the server only (kept after a deletion here, or added there)",
                s.kept_on_server,
            )  # fmt: skip
            out.write(safe(f"{label(translate('CLI', 'backup:'))}{kept}\n"))
        if s.pending_changes:
            waiting = translate("CLI", "%n local changes", s.pending_changes)
            out.write(safe(f"{label(translate('CLI', 'waiting:'))}{waiting}\n"))
        if s.left_out_by_ignore:
            left_out = translate("CLI", "%n items left out by .cozyignore", s.left_out_by_ignore)
            out.write(safe(f"{label(translate('CLI', 'ignored:'))}{left_out}\n"))
        if s.conflicts:
            see = translate("CLI", "(see: cozysync conflicts)")
            out.write(safe(f"{label(translate('CLI', 'conflicts:'))}{s.conflicts} {see}\n"))
        for problem in s.errors:
            texts = problem_words(problem)
            error = label(translate("CLI", "error:"))
            out.write(safe(f"{error}{problem.path}: {texts.title} ({texts.hint})\n"))
        for name in s.unstorable:
            out.write(safe(f"{label(translate('CLI', 'to rename:'))}{name}\n"))
        _print_held(s.held_back, s.not_synced, out)
        for warning in s.warnings:
            out.write(safe(f"{label(translate('CLI', 'your cloud:'))}{warning_words(warning)}\n"))


def print_conflicts(conflicts: Sequence[ConflictInfo], out: TextIO = sys.stdout) -> None:
    if not conflicts:
        out.write(translate("CLI", "No conflicts.") + "\n")
    theirs = translate("CLI", "server's version:")
    mine = translate("CLI", "this computer's version:")
    width = max(len(theirs), len(mine)) + 1
    for c in conflicts:
        out.write(safe(f"{c.folder}: {c.path}\n"))
        out.write(safe(f"  {theirs:<{width}}{c.path}\n"))
        out.write(safe(f"  {mine:<{width}}{c.conflict_path}\n"))
    if conflicts:
        choose = translate("CLI", "Choose with: cozysync resolve PATH --keep local|remote|both")
        out.write(choose + "\n")


def print_pairs(statuses: Sequence[FolderStatus], out: TextIO = sys.stdout) -> None:
    """``cozysync list``: one line per pair (name, mode, folder, server, state)."""
    if not statuses:
        out.write(_no_folder())
    for s in statuses:
        said = state_words(s.kind)
        out.write(safe(f"{s.name} [{s.mode}]: {s.local_root} <-> {s.remote_url} ({said})\n"))


def print_outcome(outcome: SyncOutcome, out: TextIO = sys.stdout) -> None:
    said = f"{outcome.folder}: {state_words(outcome.kind)}: {outcome_summary(outcome)}"
    out.write(safe(said + "\n"))
    error = translate("CLI", "error:")
    for problem in outcome.errors[:_ERRORS_SHOWN]:
        texts = problem_words(problem)
        out.write(safe(f"  {error} {problem.path}: {texts.title} ({texts.hint})\n"))
    if len(outcome.errors) > _ERRORS_SHOWN:  # 200,000 refused uploads: not 200,000 lines
        more = len(outcome.errors) - _ERRORS_SHOWN
        out.write("  " + translate("CLI", "… and %n more (cozysync status lists them all)", more))
        out.write("\n")
    for name in outcome.unstorable:
        out.write(safe(f"  {translate('CLI', 'to rename:')} {name}\n"))
    _print_held(outcome.held_back, outcome.not_synced, out)


def _print_held(
    held_back: Sequence[ItemProblem], not_synced: Sequence[ItemProblem], out: TextIO
) -> None:
    for item in held_back:
        title = problem_words(item).title
        out.write(safe(f"{label(translate('CLI', 'held back:'))}{item.path}: {title}\n"))
    for item in not_synced:
        title = problem_words(item).title
        out.write(safe(f"{label(translate('CLI', 'not synced:'))}{item.path}: {title}\n"))


def time_left_words(seconds: float) -> str:
    if seconds < 60:
        return translate("CLI", "less than a minute left")
    minutes = round(seconds / 60)
    if minutes < 60:
        return translate("CLI", "about %1 min left").replace("%1", str(minutes))
    return (
        translate("CLI", "about %1 h %2 min left")
        .replace("%1", str(minutes // 60))
        .replace("%2", f"{minutes % 60:02d}")
    )


def progress_words(progress: Progress) -> str:
    """ "120 of 2,000 files · 1.2 MB of 30.0 MB · 6% · about 2 min left" (the bytes
    when a transfer moves some, the time once it is known)."""
    total = progress.files_total
    files = translate("CLI", "%1 of %n files", total, count_words(total))
    parts = [files.replace("%1", count_words(progress.files_done))]
    if progress.bytes_total:
        done, of = size_words(progress.bytes_done), size_words(progress.bytes_total)
        parts.append(translate("CLI", "%1 of %2").replace("%1", done).replace("%2", of))
    parts.append(translate("CLI", "%1%").replace("%1", str(progress.percent)))
    if progress.seconds_left is not None:
        parts.append(time_left_words(progress.seconds_left))
    return " · ".join(parts)


PLAIN_STEP_PERCENT = 10  # off a terminal, one line each tenth of the way
# ... once the pass has worked that long: a short pass says only its outcome, so that a
# script or a cron job reading stderr gets one line per problem, not a progress report
PLAIN_AFTER_S = 2.0


class ProgressLine:
    """While a sync works: on a terminal, one self-rewriting line (files and bytes done
    of the total, the share done, the time left, the item last synced); elsewhere (a
    log, a pipe) a plain line each tenth of the way, once the pass has lasted
    ``PLAIN_AFTER_S``."""

    def __init__(
        self, stream: TextIO = sys.stderr, *, tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        self.stream = stream
        self.is_tty = stream.isatty() if tty is None else tty
        self.clock = clock
        self.estimate = ProgressEstimate(clock)
        self._started: float | None = None  # when this pass's first progress came
        self.progress: Progress | None = None
        self._shown = False
        self._step = -1  # the last tenth said off a terminal

    def __call__(self, event: Event) -> None:
        if isinstance(event, ProgressChanged):
            self._on_progress(event)
        elif not self.is_tty:
            if isinstance(event, PassFinished):
                self.finish()
        elif isinstance(event, ItemSynced):
            self._show(self._words(f"{event.what}: {event.path}"))
        elif isinstance(event, ConflictFound):
            said = translate("CLI", "conflict: %1 (both versions kept)")
            self._show(self._words(said.replace("%1", event.path)))
        elif isinstance(event, ErrorRaised):
            title = message_words(event.message, event.title, event.hint).title
            said = translate("CLI", "problem: %1 %2").replace("%1", event.path or "")
            self._show(self._words(said.replace("%2", title)))
        elif isinstance(event, PassFinished):
            self.finish()

    def _on_progress(self, event: ProgressChanged) -> None:
        if not event.files_total:
            return  # a pass with nothing to do
        if self._started is None:
            self._started = self.clock()
        self.progress = self.estimate.update(
            event.files_done, event.files_total, event.bytes_done, event.bytes_total
        )
        if self.is_tty:
            self._show(self._words(event.current_path or ""))
            return
        if self.clock() - self._started < PLAIN_AFTER_S:
            return  # said only if the pass lasts: a quick one says its outcome alone
        step = self.progress.percent // PLAIN_STEP_PERCENT
        if step > self._step and self.progress.files_done:
            self._step = step
            self.stream.write(safe(progress_words(self.progress) + "\n"))
            self.stream.flush()

    def _words(self, latest: str) -> str:
        said = progress_words(self.progress) if self.progress is not None else ""
        return " · ".join(w for w in (said, latest) if w)

    def _show(self, text: str) -> None:
        width = max(20, shutil.get_terminal_size().columns - 1)
        if len(text) > width:
            text = text[: width - 1] + "…"
        self.stream.write(f"\r\x1b[K{safe(text)}")
        self.stream.flush()
        self._shown = True

    def finish(self) -> None:
        """End the pass's line (the next pass counts afresh)."""
        self.progress, self._step, self._started = None, -1, None
        self.estimate.reset()
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
