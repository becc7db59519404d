"""The file managers' "Versions…" (issue 18, item 3): ``register_versions_request`` plugs
it into the app's request registry (``ui/desktop_actions.py``).  It is offered for one
file whose folder's server keeps old versions (declared: no request asked, but building
the remote reads the keyring: learned off the GUI thread by ``prepare``,
``FolderAbilities``) and opens the Versions dialog of that file, as the tray's
"Versions of a file…" does once a file is chosen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cozysync.api import SyncService
from cozysync.desktop_requests import VERSIONS, Reply, RequestHandlers
from cozysync_ui.folder_abilities import FolderAbilities

__all__ = ["register_versions_request"]

ShowVersions = Callable[[str, str | None], None]  # (a file's absolute path, its folder)


def register_versions_request(
    requests: RequestHandlers, service: SyncService, show_versions: ShowVersions
) -> None:
    """Register "Versions…"; ``show_versions`` opens the dialog (``VersionsFlow.show_for``)."""
    abilities = FolderAbilities(service)  # learned off the GUI thread (keyring), then kept

    def folder_of(paths: list[str]) -> str | None:
        if len(paths) != 1 or not Path(paths[0]).is_file():  # a file's versions only
            return None
        return service.folder_of_path(paths[0])

    def applies(paths: list[str]) -> bool:
        folder = folder_of(paths)
        offer = abilities.known(folder) if folder is not None else None
        return offer is not None and offer.keeps_versions

    def prepare(paths: list[str], then: Callable[[], None]) -> None:
        folder = folder_of(paths)
        if folder is None:
            then()
        else:
            abilities.learn(folder, lambda _offer: then())

    def versions(paths: list[str], reply: Reply) -> None:  # asked once ``applies`` said yes
        show_versions(paths[0], folder_of(paths))
        reply({"ok": True})

    requests.register(VERSIONS, versions, applies=applies, prepare=prepare)
