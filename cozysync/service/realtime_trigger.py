"""A running pair's realtime trigger (the Cozy's websocket: ``ChangeFeed`` in
``ports.py``), started again on the remote a new login built (``service/login.py``): the
old one was refused with the old tokens and had turned itself off."""

from __future__ import annotations

from collections.abc import Callable

from cozysync.ports import Remote, Stoppable

__all__ = ["RealtimeTrigger"]


class RealtimeTrigger:
    """Calls ``on_change`` when the server says its tree changed (remotes that can)."""

    def __init__(self, on_change: Callable[[], None], name: str) -> None:
        self.on_change, self.name = on_change, name
        self._feed: Stoppable | None = None

    def watch(self, remote: Remote) -> None:
        """Follow ``remote``'s changes (and stop following the one before)."""
        self.stop()
        feed = remote.features.change_feed
        self._feed = feed.watch_changes(self.on_change, self.name) if feed else None

    def stop(self) -> None:
        if self._feed is not None:
            self._feed.stop()
            self._feed = None
