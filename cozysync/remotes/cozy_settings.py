"""What a Cozy says about the account, as the stack's code answers (issue 15, item 10).

- ``warnings``: ``GET /settings/warnings`` at start (cozy-stack
  web/settings/settings.go:84-104): 404 with ``{"errors": []}`` when there is none, else
  ``{"errors": [...]}`` with the first one's status (402 for new terms to sign before
  their deadline, web/middlewares/warnings.go:12-29): read as a list, not as a failure.
  Any token may ask (no scope).
- ``mark_synchronized``: ``POST /settings/synchronized`` after a pass
  (web/settings/clients.go:102-125): the Cozy's list of connected devices shows when this
  one last synced.  Any OAuth client's token may (no scope); 204.
- ``disk_usage``: ``GET /settings/disk-usage`` (web/settings/disk_usage.go:55-88, ``used``
  and ``quota`` strings, ``quota`` absent when unlimited), which needs the scope
  ``io.cozy.settings:GET:io.cozy.settings.disk-usage`` (cozy_auth.SCOPE) or answers 403
  (:45-53): then unknown, never an error.
- ``room_warning``: before a big upload, the words when the Cozy would be full or nearly
  (the stack alerts at 90% of the quota: model/vfs/vfs.go:955-957, vfsafero/impl.go:936-937).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from cozysync.errors import CozySyncError
from cozysync.messages import Message, MessageId, message
from cozysync.remotes.cozy_auth import CozySession, json_body, size_text

__all__ = ["BIG_UPLOAD", "CozySettings", "DiskUsage", "room_warning"]

log = logging.getLogger(__name__)

BIG_UPLOAD = 10_000_000  # bytes: from this size an upload first asks the free space
NEARLY_FULL = 0.9  # the stack's own alert (PushDiskQuotaAlert at 9/10 of the quota)


@dataclass(frozen=True, slots=True)
class DiskUsage:
    used: int
    quota: int | None  # None: unlimited

    @property
    def free(self) -> int | None:
        return None if self.quota is None else max(self.quota - self.used, 0)


def _notice(message_id: str, text: str, **params: Any) -> Message:
    """Something the user should know about their Cozy: a typed message whose
    ``detail`` is the English text (``Message.text()``, what the CLI prints)."""
    return message(message_id, {**params, "detail": text})


def room_warning(usage: DiskUsage, path: str, size: int) -> Message | None:
    """The words when ``size`` more bytes pass 90% of the quota (one that does not fit
    at all is refused before: ``CozyAccountSide.before_upload``)."""
    if usage.quota is None:
        return None
    after = usage.used + size
    free, quota = size_text(usage.free or 0), size_text(usage.quota)
    if after > NEARLY_FULL * usage.quota:
        text = (
            f"your Cozy will be nearly full after {path!r} ({size_text(size)}): {free} free "
            f"of {quota}"
        )
        return _notice(MessageId.WARNING_COZY_NEARLY_FULL, text, path=path, free=free, quota=quota)
    return None


def _warning_notice(item: dict[str, Any]) -> Message:
    link = str((item.get("links") or {}).get("self") or "")
    if item.get("code") == "tos-updated":
        text = f"your Cozy asks you to accept its new terms of service: open {link}"
        return _notice(MessageId.WARNING_COZY_TERMS, text, link=link)
    detail = str(item.get("detail") or item.get("title") or item.get("code") or "")
    text = f"your Cozy says: {detail}" + (f" ({link})" if link else "")
    return _notice(MessageId.WARNING_COZY, text, link=link or None)


class CozySettings:
    """The account's settings routes of one Cozy (see the module)."""

    def __init__(self, session: CozySession) -> None:
        self.session = session

    def warnings(self) -> list[Message] | None:
        """The Cozy's warnings now ([] when none); None when it did not tell (5xx: asked
        again at the next start, the ones known before still stand)."""
        response = self.session.request("GET", "/settings/warnings", instance_level=False)
        response.read()
        response.close()
        if response.status_code >= 500:
            return None
        if response.status_code == 404:
            return []  # none (web/settings/settings.go:84-104)
        errors = json_body(response).get("errors")
        return [_warning_notice(e) for e in errors if isinstance(e, dict)] if errors else []

    def mark_synchronized(self) -> None:
        """Best effort: a refused or failed call only goes to the log."""
        try:
            response = self.session.request("POST", "/settings/synchronized", idempotent=True)
            response.close()
            if response.status_code != 204:
                log.info("the Cozy did not note the sync (HTTP %s)", response.status_code)
        except CozySyncError as exc:
            log.info("the Cozy did not note the sync: %s", exc.one_line())

    def disk_usage(self) -> DiskUsage | None:
        """None when the Cozy does not say (403 without the scope, or unreadable)."""
        response = self.session.request("GET", "/settings/disk-usage")
        response.read()
        response.close()
        if response.status_code != 200:
            return None
        attrs = (json_body(response).get("data") or {}).get("attributes") or {}
        try:
            quota = attrs.get("quota")
            return DiskUsage(int(attrs.get("used") or 0), int(quota) if quota else None)
        except (TypeError, ValueError):
            return None
