"""cozysync's entries in Nemo's right-click menu (see cozysync_nautilus.py: the same
entries).  Loaded by nemo-python (Debian: python3-nemo) from
``~/.local/share/nemo-python/extensions/`` or ``/usr/share/nemo-python/extensions/``."""

from __future__ import annotations

import os
import sys
from typing import Any

import gi

gi.require_version("Nemo", "3.0")
from gi.repository import GObject, Nemo  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cozysync_filemanager import Entry, Menu  # noqa: E402

__all__ = ["CozySyncMenuProvider"]


class CozySyncMenuProvider(GObject.GObject, Nemo.MenuProvider):
    def __init__(self) -> None:
        super().__init__()
        self.menu = Menu()

    def get_file_items(self, window: Any, files: list[Any]) -> list[Any]:
        return self._items(files)

    def get_background_items(self, window: Any, folder: Any) -> list[Any]:
        """A right-click in a folder's empty space: the entries for the folder itself."""
        return self._items([folder])

    def _items(self, files: list[Any]) -> list[Any]:
        return self.menu.items(files, _menu_item)


def _menu_item(entry: Entry) -> Any:
    return Nemo.MenuItem(
        name=f"CozySync::{entry.action}", label=entry.label, tip=entry.tip, icon=""
    )
