"""Logging to rotating files in the log folder, with secrets redacted.

Each linked folder (pair) has its own log, ``folder-<folder id>.log``: a record written
while a pair is being worked on (``pair_logging``, carried into the engine's worker
threads) goes there, every other record to the app's log, ``cozysync.log``, which
therefore names no file of any pair.  Unlinking a folder with its files removed also
removes its logs (``remove_pair_logs``), and the whole log folder with the last pair.

``RedactingFilter`` runs on the handler, so whatever logger wrote the record (ours,
httpx's, watchdog's) nothing that looks like a password, an ``Authorization`` header, a
token or credentials inside a URL reaches the file.  Passwords cozysync knows of are
also redacted by value (``redact_value``).
"""

from __future__ import annotations

import contextvars
import logging
import os
import re
import shutil
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from logging.handlers import RotatingFileHandler
from pathlib import Path

__all__ = [
    "LogRouter",
    "RedactingFilter",
    "current_pair",
    "enter_pair",
    "pair_log_file",
    "pair_logging",
    "pair_of",
    "redact",
    "redact_value",
    "remove_pair_logs",
    "setup_logging",
]

MAX_BYTES = 1_000_000
BACKUPS = 3
REDACTED = "***"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Authorization: Basic xxx / Bearer xxx (header lines, dict reprs)
    (
        re.compile(r"(?i)((?:proxy-)?authorization['\"]?\s*[:=,]\s*['\"]?)[^'\"\r\n]+"),
        r"\1" + REDACTED,
    ),
    (re.compile(r"(?i)\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{6,}"), r"\1 " + REDACTED),
    # password=..., "password": "...", passwd, secret, token, api_key
    (
        re.compile(
            r"(?i)((?:password|passwd|pwd|secret|token|api[_-]?key)['\"]?\s*[:=]\s*['\"]?)"
            r"[^\s'\",;&]+"
        ),
        r"\1" + REDACTED,
    ),
    # https://user:pass@host
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@"), r"\1" + REDACTED + "@"),
]

_known_values: set[str] = set()
_known_lock = threading.Lock()


def redact_value(secret: str | None) -> None:
    """Redact this exact value (a password cozysync handles) from every log line."""
    if secret and len(secret) >= 3:
        with _known_lock:
            _known_values.add(secret)


def redact(text: str) -> str:
    """``text`` with anything that looks like a secret replaced by ``***``."""
    with _known_lock:
        values = sorted(_known_values, key=len, reverse=True)
    for value in values:
        text = text.replace(value, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback text) with secrets redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log file only its owner can read (it names the user's files)."""

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return stream


def _file_handler(path: Path) -> logging.Handler:
    handler = _PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    return handler


# --- which pair a record is about ------------------------------------------------------

_pair: contextvars.ContextVar[str | None] = contextvars.ContextVar("cozysync_pair", default=None)


def current_pair() -> str | None:
    """The folder id of the pair this thread is working on, if any."""
    return _pair.get()


def enter_pair(folder_id: str | None) -> None:
    """Mark this thread as working on ``folder_id`` (a worker thread's initializer)."""
    _pair.set(folder_id)


@contextmanager
def pair_logging(folder_id: str | None) -> Iterator[None]:
    """Within this block, this thread's records go to the pair's own log (None: the
    app's).  An exception leaving the block remembers its pair (``pair_of``), so the
    line that reports it later (the command line's) goes to that pair's log too."""
    token = _pair.set(folder_id)
    try:
        yield
    except BaseException as exc:
        if folder_id is not None and not hasattr(exc, _PAIR_ATTR):
            with suppress(AttributeError, TypeError):
                setattr(exc, _PAIR_ATTR, folder_id)
        raise
    finally:
        _pair.reset(token)


_PAIR_ATTR = "cozysync_pair"


def pair_of(exc: BaseException) -> str | None:
    """The pair an exception was raised while working on (or the current one)."""
    found = getattr(exc, _PAIR_ATTR, None)
    return found if isinstance(found, str) else _pair.get()


def pair_log_file(log_dir: Path, folder_id: str) -> Path:
    return log_dir / f"folder-{folder_id}.log"


class LogRouter(logging.Handler):
    """Sends each record to its pair's rotating log, or to the app's log."""

    def __init__(self, log_dir: Path, app_file: Path) -> None:
        super().__init__()
        self.log_dir = log_dir
        self._app_file = app_file
        self._files: dict[str | None, logging.Handler] = {}
        self._files_lock = threading.Lock()
        self.addFilter(RedactingFilter())
        _routers.add(self)

    def emit(self, record: logging.LogRecord) -> None:
        pair = _pair.get()
        with self._files_lock:
            target = self._files.get(pair)
            if target is None:
                path = self._app_file if pair is None else pair_log_file(self.log_dir, pair)
                target = self._files[pair] = _file_handler(path)
        target.handle(record)

    def close_files(self, folder_id: str | None = None, *, every: bool = False) -> None:
        """Close a pair's log file (or every file): reopened on the next record."""
        with self._files_lock:
            keys = list(self._files) if every else [folder_id]
            closing = [self._files.pop(key) for key in keys if key in self._files]
        for handler in closing:
            handler.close()

    def close(self) -> None:
        self.close_files(every=True)
        _routers.discard(self)
        super().close()


_routers: weakref.WeakSet[LogRouter] = weakref.WeakSet()


def remove_pair_logs(log_dir: Path, folder_id: str, *, whole_folder: bool = False) -> None:
    """Delete a pair's log files (rotations too); with ``whole_folder`` (its last pair
    went), the app's whole log folder.  Raises ``OSError`` when one cannot be deleted."""
    for router in list(_routers):
        if router.log_dir == log_dir:
            router.close_files(folder_id, every=whole_folder)
    if whole_folder:
        with suppress(FileNotFoundError):
            shutil.rmtree(log_dir)
        return
    base = pair_log_file(log_dir, folder_id)
    for path in log_dir.glob(f"{base.name}*"):
        if path.name == base.name or path.name[len(base.name) + 1 :].isdigit():
            path.unlink(missing_ok=True)


def setup_logging(log_file: Path, *, level: int = logging.INFO) -> logging.Handler:
    """Send cozysync's log (and its libraries') to ``log_file`` and the pairs' logs
    beside it; returns the handler, which the caller removes and closes with
    ``close_logging``."""
    log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handler = LogRouter(log_file.parent, log_file)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    for noisy in ("httpx", "httpcore", "watchdog", "wsgidav", "cheroot", "websockets"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler


def close_logging(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()
