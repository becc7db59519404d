"""A shared drive's realtime websocket (cozy-stack ``web/sharings/realtime.go``, at
db1163854f), as ``CozyRealtime`` uses the Cozy's own:

- ``GET /sharings/drives/:id/realtime`` (``web/sharings/drives.go:1325``, ``Ws``,
  realtime.go:316-362): the first message must be AUTH with a token of this Cozy that
  may GET the whole ``io.cozy.files`` type (``getPermission`` :117-133, :425-429),
  else an ``error`` event (401, ``unauthorized``);
- the route subscribes by itself to the owner's files and sends only the events inside
  the drive (``filterMapEvents``, :169-272: the root, or a path below it, old or new),
  each ``{"event": CREATED|UPDATED|DELETED, "payload": {"type", "id", "doc"}}``
  (:48-57: no ``rev`` beside the id; the doc's ``_rev`` tells an echo of our own
  write); it reads nothing after AUTH, so no SUBSCRIBE is sent;
- ``background=true``: a program watching, not the user looking, so the drive is not
  marked as seen (:338-347; docs/shared-drives.md, "Realtime").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cozysync.remotes.cozy_auth import CozySession
from cozysync.remotes.cozy_realtime import CozyRealtime

__all__ = ["DriveRealtime"]


class DriveRealtime(CozyRealtime):
    """``CozyRealtime`` on the drive ``drive_id``'s route."""

    def __init__(
        self, drive_id: str, session: CozySession, on_change: Callable[[], None], **kw: Any
    ) -> None:
        super().__init__(session, on_change, **kw)
        self.drive_id = drive_id

    def websocket_address(self) -> str:
        base = super().websocket_address().removesuffix("/realtime/")
        return f"{base}/sharings/drives/{self.drive_id}/realtime?background=true"

    def subscription(self) -> dict[str, Any] | None:
        return None
