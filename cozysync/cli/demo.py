"""``cozysync demo``: a built-in WebDAV server on 127.0.0.1 and a sample folder linked to
it, so anyone can see cozysync work on a fresh machine (no account, no keyring)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cozysync.cli.commands import run_until_stopped, watch_printer

if TYPE_CHECKING:
    from cozysync.api import SyncService
    from cozysync.config import FolderConfig, Locations

__all__ = ["DEMO_NAME", "cmd_demo"]

DEMO_NAME = "demo"

_SAMPLES: dict[str, bytes] = {
    "Lisez-moi.txt": (
        "Bienvenue dans la démo de cozysync !\n"
        "Modifiez ce fichier, créez-en d'autres : ils sont envoyés au serveur.\n"
        "Élèves et enseignants : vos fichiers restent à vous.\n"
    ).encode(),
    "Cours/Mathématiques/exercices.txt": "Exercice 1 : résoudre x² = 2.\n".encode(),
    "Cours/Français/poème.txt": "Il pleure dans mon cœur\nComme il pleut sur la ville.\n".encode(),
    "images/pixel.png": bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e1b9f0dc0000000049454e44ae426082"
    ),
}
_SERVER_SAMPLE = ("Déjà sur le serveur.txt", "Ce fichier était déjà sur le serveur.\n")


def _prepare(demo_dir: Path) -> tuple[Path, Path]:
    """The server's folder and the local folder, with sample files the first time."""
    server_dir, local_dir = demo_dir / "server", demo_dir / "folder"
    if not server_dir.exists():
        server_dir.mkdir(parents=True)
        name, text = _SERVER_SAMPLE
        (server_dir / name).write_text(text, encoding="utf-8")
    if not local_dir.exists():
        for rel, data in _SAMPLES.items():
            target = local_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return server_dir, local_dir


def _demo_folder(service: SyncService, local_dir: Path, url: str) -> FolderConfig:
    if any(f.name == DEMO_NAME for f in service.list_folders()):
        return service.set_remote_url(DEMO_NAME, url)  # the port changes on every start
    return service.link(local_dir, url, name=DEMO_NAME)


def cmd_demo(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import StopEvent, SyncService
    from cozysync.cli import output
    from cozysync.cli.exitcodes import EXIT_OK, exit_code_for_outcome
    from cozysync.demo_server import EmbeddedDavServer  # WsgiDAV: only for the demo
    from cozysync.i18n import translate

    server_dir, local_dir = _prepare(locations.data_dir / "demo")
    server = EmbeddedDavServer(server_dir)
    server.start()
    try:
        service = SyncService(locations)
        folder = _demo_folder(service, local_dir, server.url)
        said = translate("CLI", "Demo server: %1 (serving %2)")
        print(said.replace("%1", server.url).replace("%2", str(server_dir)))
        print(translate("CLI", "Demo folder: %1").replace("%1", str(folder.local_root)))
        progress = output.ProgressLine()
        outcome = service.sync_once(DEMO_NAME, progress=progress)
        progress.finish()
        output.print_outcome(outcome)
        output.print_status(service.status(DEMO_NAME))
        if args.once:
            return exit_code_for_outcome(outcome)
        print(
            translate(
                "CLI", "Now watching: change files in the demo folder or the server's folder."
            )
        )
        print(translate("CLI", "Press Ctrl-C to stop."), flush=True)
        stop = StopEvent()
        printer = watch_printer(output.ProgressLine())
        run_until_stopped(
            stop, lambda: service.run(DEMO_NAME, stop, progress=printer),
            stopped_code=EXIT_OK, stopped_words=translate("CLI", "Stopped."),
        )  # fmt: skip
        print(translate("CLI", "Stopped."))
        return EXIT_OK
    finally:
        server.stop()
