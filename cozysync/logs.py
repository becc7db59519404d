"""Logging to a rotating file in the log folder, with secrets redacted.

``RedactingFilter`` runs on the handler, so whatever logger wrote the record (ours,
httpx's, watchdog's) nothing that looks like a password, an ``Authorization`` header, a
token or credentials inside a URL reaches the file.  Passwords cozysync knows of are
also redacted by value (``redact_value``).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

__all__ = ["RedactingFilter", "redact", "redact_value", "setup_logging"]

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
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return stream


def setup_logging(log_file: Path, *, level: int = logging.INFO) -> logging.Handler:
    """Send cozysync's log (and its libraries') to ``log_file``; returns the handler,
    which the caller removes and closes with ``close_logging``."""
    log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handler = _PrivateRotatingFileHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    for noisy in ("httpx", "httpcore", "watchdog", "wsgidav", "cheroot"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler


def close_logging(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()
