"""``export``: a complete copy of a folder's server side in a local folder or a zip, with
a manifest of checksums, so that leaving a school keeps everything.

Every file streams from the server into a staging folder beside the destination (its MD5
computed on the way; size and server checksum checked by the download), so memory stays
constant.  The copy appears at the destination only once complete: the staging folder
is renamed into place, or the zip, written to a temp file, is.  Two manifests describe
it: ``MANIFEST.md5`` (``md5sum -c`` checks it) and ``MANIFEST.json`` (sizes, dates).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cozysync.errors import ConfigError, CozySyncError, LocalPermissionError
from cozysync.models import RemoteState
from cozysync.phrases import phrase
from cozysync.ports import LocalFS, Remote
from cozysync.service.fetch import download_fresh, local_name, remote_items
from cozysync.service.results import ExportResult
from cozysync.service.wiring import Adapters
from cozysync.sync.hashing import HashingWriter

__all__ = ["export_from_server", "manifest_names", "md5sum_line"]

log = logging.getLogger(__name__)

MANIFEST_STEM = "MANIFEST"


@dataclass(frozen=True, slots=True)
class _Copied:
    path: str
    size: int
    md5: str
    mtime: int | None


def manifest_names(top_level: set[str]) -> tuple[str, str]:
    """``MANIFEST.md5`` and ``MANIFEST.json``, or a free variant if the folder itself
    holds such names at its top."""
    stem, number = MANIFEST_STEM, 1
    while {f"{stem}.md5", f"{stem}.json"} & top_level:
        number += 1
        stem = f"{MANIFEST_STEM}-cozysync-{number}"
    return f"{stem}.md5", f"{stem}.json"


def export_from_server(
    folder_name: str, source_url: str, remote: Remote, local_dest: Path, adapters: Adapters,
    *, as_zip: bool,
) -> ExportResult:  # fmt: skip
    """Write the whole server folder into ``local_dest`` (or ``local_dest``.zip)."""
    target = _target(local_dest.expanduser().absolute(), as_zip)
    items = remote_items(remote, "")
    with _staging(target) as staging:
        copied = _download_all(remote, items, adapters.sync_folder(staging))
        top_level = {item.path for item in items if "/" not in item.path}
        names = manifest_names(top_level)
        _write_manifests(staging, names, source_url, copied)
        if as_zip:
            _zip_into_place(
                staging, [i.path for i in items if i.is_dir], copied, names, target, adapters
            )
        else:
            _rename_into_place(staging, target, adapters)
    log.info("exported %s (%d files) to %s", folder_name, len(copied), target)
    return ExportResult(
        folder_name, str(target), len(copied), sum(1 for i in items if i.is_dir),
        sum(c.size for c in copied), names,
    )  # fmt: skip


def _target(local_dest: Path, as_zip: bool) -> Path:
    if as_zip:
        target = local_dest if local_dest.suffix.lower() == ".zip" else (
            local_dest.with_name(local_dest.name + ".zip")
        )  # fmt: skip
        if target.exists():
            raise ConfigError(
                phrase("{target} already exists", target=target),
                phrase("Choose a new name: nothing is replaced."),
            )
    else:
        target = local_dest
        if target.exists() and not (target.is_dir() and not any(target.iterdir())):
            raise ConfigError(
                phrase("{target} already exists and is not an empty folder", target=target),
                phrase("Choose a new or empty folder: nothing is replaced."),
            )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            phrase(
                "cannot create the folder {parent}: {strerror}",
                parent=target.parent,
                strerror=exc.strerror,
            )
        ) from exc
    return target


@contextmanager
def _staging(target: Path) -> Iterator[Path]:
    """A hidden folder beside ``target``, removed at the end unless renamed into place."""
    staging = target.parent / f".{target.name}.cozysync-export-{uuid.uuid4().hex}"
    try:
        staging.mkdir(mode=0o700)
    except OSError as exc:
        raise _cannot_write(target.parent, exc) from exc
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _download_all(remote: Remote, items: list[RemoteState], staging: LocalFS) -> list[_Copied]:
    copied: list[_Copied] = []
    for item in items:
        rel = local_name(item.path, "")
        if item.is_dir:
            staging.mkdir(rel)
            continue
        with staging.temp_file(rel) as (temp_path, out):
            sink = HashingWriter(out)
            got = download_fresh(remote, item, sink)
            if got is None:
                continue  # deleted on the server meanwhile: not part of the folder now
            staging.commit_temp(temp_path, rel, expected=None, mtime=got.mtime)
        copied.append(_Copied(rel, sink.count, sink.hexdigest, got.mtime))
    return copied


def md5sum_line(path: str, md5: str) -> str:
    """One line in ``md5sum`` format (names with a backslash or newline escaped)."""
    if "\\" in path or "\n" in path:
        escaped = path.replace("\\", "\\\\").replace("\n", "\\n")
        return f"\\{md5}  {escaped}\n"
    return f"{md5}  {path}\n"


def _write_manifests(
    staging: Path, names: tuple[str, str], source: str, copied: list[_Copied]
) -> None:
    ordered = sorted(copied, key=lambda c: c.path)
    md5_text = "".join(md5sum_line(c.path, c.md5) for c in ordered)
    manifest = {
        "format": "cozysync-export/1",
        "source": source,
        "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "files": [
            {"path": c.path, "size": c.size, "md5": c.md5, "mtime": c.mtime} for c in ordered
        ],
    }
    try:
        (staging / names[0]).write_text(md5_text, encoding="utf-8")
        json_text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        (staging / names[1]).write_text(json_text, encoding="utf-8")
    except OSError as exc:
        raise _cannot_write(staging, exc) from exc


def _rename_into_place(staging: Path, target: Path, adapters: Adapters) -> None:
    try:
        if target.is_dir():
            target.rmdir()  # checked empty; if something appeared since, this fails
        adapters.move_into_place(staging, target)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc


def _zip_into_place(
    staging: Path, folders: list[str], copied: list[_Copied], names: tuple[str, str],
    target: Path, adapters: Adapters,
) -> None:  # fmt: skip
    temp = target.parent / f".{target.name}.cozysync-{uuid.uuid4().hex}.tmp"
    try:
        with zipfile.ZipFile(
            temp, "w", zipfile.ZIP_DEFLATED, allowZip64=True, strict_timestamps=False
        ) as archive:
            for folder in folders:
                archive.mkdir(folder)
            for item in copied:  # zipfile streams each file from disk in chunks
                archive.write(staging / item.path, item.path)
            for name in names:
                archive.write(staging / name, name)
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        adapters.move_into_place(temp, target)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        temp.unlink(missing_ok=True)


def _cannot_write(where: Path, exc: OSError) -> CozySyncError:
    return LocalPermissionError(
        f"cannot write the export in {where}: {exc.strerror or exc}",
        "Check the free space and that you may write there.",
    )
