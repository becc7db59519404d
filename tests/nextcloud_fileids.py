"""The Nextcloud double's ``oc:fileid`` (issue 17, item 4): a live WebDAV property of
every file and folder, as Nextcloud's Sabre plugin serves it.

Nextcloud (nextcloud/server apps/dav/lib/Connector/Sabre/FilesPlugin.php:
``FILEID_PROPERTYNAME = '{http://owncloud.org/ns}fileid'``, answered from the node's
``getId()``, the ``fileid`` of its row in ``oc_filecache``) gives each item a number that
stays with it through renames and moves, and is never given again once the item is
deleted; a COPY makes a new item, with a new id.  Here the number is kept in an extended
attribute of the file (``user.nextcloud.fileid``), which a rename keeps and a deletion
takes away; a copy carries the attribute along (``shutil.copy2``), so the id is also
bound to the inode it was given to: a copy on another inode gets a new id.  Ids start at
a number like a fresh instance's (the first rows of ``oc_filecache`` are the storages').
"""

from __future__ import annotations

import itertools
import os
import threading
from typing import Any

from wsgidav.dav_error import HTTP_NOT_FOUND, DAVError
from wsgidav.fs_dav_provider import FileResource, FilesystemProvider, FolderResource

__all__ = ["FILEID", "FileIdProvider"]

FILEID = "{http://owncloud.org/ns}fileid"
_XATTR = "user.nextcloud.fileid"


class FileIdProvider(FilesystemProvider):
    """A WsgiDAV filesystem provider whose items answer ``oc:fileid``."""

    def __init__(self, root_folder: str, **options: Any) -> None:
        super().__init__(root_folder, fs_opts=options.pop("fs_opts", {}), **options)
        self._ids = itertools.count(11)
        self._inodes: dict[int, int] = {}  # fileid -> the inode it was given to
        self._lock = threading.Lock()

    def file_id(self, file_path: str) -> int:
        with self._lock:
            inode = os.stat(file_path).st_ino
            try:
                known = int(os.getxattr(file_path, _XATTR))
            except (OSError, ValueError):
                known = None
            if known is not None and self._inodes.get(known) == inode:
                return known
            new = next(self._ids)
            os.setxattr(file_path, _XATTR, str(new).encode())
            self._inodes[new] = inode
            return new

    def get_resource_inst(self, path: str, environ: dict[str, Any]) -> Any:
        found = super().get_resource_inst(path, environ)
        if found is None:
            return None
        kind = _Folder if isinstance(found, FolderResource) else _File
        return kind(path, environ, found._file_path)


class _WithFileId:
    provider: FileIdProvider
    _file_path: str

    def get_property_names(self, *, is_allprop: bool) -> list[str]:
        names: list[str] = super().get_property_names(is_allprop=is_allprop)  # type: ignore[misc]
        return names if is_allprop else [*names, FILEID]  # allprop: RFC 4918's only

    def get_property_value(self, name: str) -> Any:
        if name == FILEID:
            try:
                return str(self.provider.file_id(self._file_path))
            except OSError as exc:
                raise DAVError(HTTP_NOT_FOUND) from exc
        return super().get_property_value(name)  # type: ignore[misc]


class _File(_WithFileId, FileResource):
    pass


class _Folder(_WithFileId, FolderResource):
    pass
