"""What a linked folder's server offers beside syncing: sharing, old versions, opening an
item in its web app (``SyncService.can_share``, ``keeps_versions``, ``opens_online``).
Each is declared by the remote (no request), but building the remote reads its password
from the keyring (D-Bus: seconds on a locked or slow Secret Service), so it is learned
off the GUI thread, once per folder and server (``learn``), then answered at once
(``known``).  Two asks meanwhile share one read; a failure is not kept (asked again next
time)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from cozysync.api import SyncService
from cozysync.errors import CozySyncError
from cozysync_ui.background import run_in_background

__all__ = ["Abilities", "FolderAbilities"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Abilities:
    shares: bool
    keeps_versions: bool
    opens_online: bool


NONE = Abilities(False, False, False)


class FolderAbilities:
    def __init__(self, service: SyncService) -> None:
        self.service = service
        self._known: dict[tuple[str, str], Abilities] = {}
        self._learning: dict[tuple[str, str], list[Callable[[Abilities], None]]] = {}

    def known(self, name: str) -> Abilities | None:
        """What folder ``name``'s server offers, if learned (None: not yet)."""
        key = self._key(name)
        return None if key is None else self._known.get(key)

    def learn(self, name: str, then: Callable[[Abilities], None]) -> None:
        """Learn (in the background) what folder ``name``'s server offers, then call
        ``then`` with it on the GUI thread (at once when known; nothing offered when the
        folder is not linked or its remote cannot be built)."""
        key = self._key(name)
        if key is None:
            then(NONE)
            return
        if key in self._known:
            then(self._known[key])
            return
        if key in self._learning:
            self._learning[key].append(then)
            return
        self._learning[key] = [then]
        service = self.service

        def ask() -> Abilities:
            return Abilities(
                service.can_share(name),
                service.keeps_versions(name),
                service.opens_online(name),
            )

        def learned(abilities: Abilities) -> None:
            self._known[key] = abilities
            for waiting in self._learning.pop(key, []):
                waiting(abilities)

        def failed(exc: BaseException) -> None:
            log.info("could not tell what the server of %s offers: %r", name, exc)
            for waiting in self._learning.pop(key, []):
                waiting(NONE)

        run_in_background(ask, learned, failed)

    def _key(self, name: str) -> tuple[str, str] | None:
        try:
            folder = self.service.folder(name)
        except CozySyncError:
            return None
        return (folder.name, folder.remote_url)
