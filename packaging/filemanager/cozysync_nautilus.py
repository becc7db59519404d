"""cozysync's entries in Nautilus's right-click menu ("Share…", "Copy share link", "Open
online", "Versions…", "Deleted files"), for items in a synced folder, while the cozysync
app runs.  Loaded by nautilus-python (Debian: python3-nautilus) from
``~/.local/share/nautilus-python/extensions/`` or ``/usr/share/nautilus-python/extensions/``;
the logic is ``cozysync_filemanager`` (installed beside it)."""

from __future__ import annotations

import os
import sys
from typing import Any

import gi

try:
    gi.require_version("Nautilus", "4.0")  # Nautilus 43 and later (Debian 12)
except ValueError:
    gi.require_version("Nautilus", "3.0")
from gi.repository import GObject, Nautilus

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cozysync_filemanager import Entry, Menu

__all__ = ["CozySyncMenuProvider"]


class CozySyncMenuProvider(GObject.GObject, Nautilus.MenuProvider):
    def __init__(self) -> None:
        super().__init__()
        self.menu = Menu()

    def get_file_items(self, *args: Any) -> list[Any]:
        """Nautilus 43+ passes the files; older ones the window, then the files."""
        return self._items(args[-1])

    def get_background_items(self, *args: Any) -> list[Any]:
        """A right-click in a folder's empty space: the entries for the folder itself
        (its deleted files, above all)."""
        return self._items([args[-1]])

    def _items(self, files: list[Any]) -> list[Any]:
        return self.menu.items(files, _menu_item)


def _menu_item(entry: Entry) -> Any:
    return Nautilus.MenuItem(name=f"CozySync::{entry.action}", label=entry.label, tip=entry.tip)
