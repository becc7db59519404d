"""The raw limit: a minimal WebDAV client with 8 keep-alive connections (httpx) and 8
threads, no journal, no checks: ``python -m bench.raw upload|download|list URL ROOT``
(user and password in BENCH_USER / BENCH_PASSWORD).

- upload: MKCOL the folders (parents first, one depth at a time), then PUT every file;
- download: one PROPFIND Depth: infinity, then GET every file;
- list: one PROPFIND Depth: infinity plus a local walk (stat only): a no-change pass.
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import httpx

from bench.workload import walk_files

WORKERS = 8
CHUNK = 1 << 20
_PROPFIND = (
    b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/>'
    b"<d:getcontentlength/><d:getlastmodified/><d:getetag/></d:prop></d:propfind>"
)


def _client() -> httpx.Client:
    return httpx.Client(
        auth=(os.environ["BENCH_USER"], os.environ["BENCH_PASSWORD"]),
        limits=httpx.Limits(max_connections=WORKERS, max_keepalive_connections=WORKERS),
        timeout=120,
    )


def _url(base: str, rel: str, is_dir: bool = False) -> str:
    return base + "/".join(quote(seg, safe="") for seg in rel.split("/")) + ("/" if is_dir else "")


def _parallel(work: Callable[[str], None], items: Iterable[str]) -> None:
    with ThreadPoolExecutor(WORKERS) as pool:
        for _ in pool.map(work, items):
            pass


def upload(client: httpx.Client, base: str, root: Path) -> None:
    files = [rel for rel, _ in walk_files(root)]
    folders = sorted({os.path.dirname(f) for f in files} - {""})
    every = set()
    for folder in folders:
        parts = folder.split("/")
        every.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    for depth in sorted({f.count("/") for f in every}):
        level = [f for f in every if f.count("/") == depth]
        _parallel(lambda f: _check(client.request("MKCOL", _url(base, f, True))), level)

    def put(rel: str) -> None:
        with open(root / rel, "rb") as source:
            size = str(os.fstat(source.fileno()).st_size)
            body = iter(lambda: source.read(CHUNK), b"")
            _check(client.put(_url(base, rel), content=body, headers={"Content-Length": size}))

    _parallel(put, files)


def listing(client: httpx.Client, base: str) -> list[tuple[str, bool]]:
    response = client.request("PROPFIND", base, headers={"Depth": "infinity"}, content=_PROPFIND)
    _check(response)
    prefix = urlsplit(base).path
    items = []
    for node in ET.fromstring(response.content).iter("{DAV:}response"):
        href = unquote(urlsplit(node.findtext("{DAV:}href", "")).path)
        rel = href[len(prefix) :].strip("/")
        is_dir = node.find(".//{DAV:}collection") is not None
        if rel:
            items.append((rel, is_dir))
    return items


def download(client: httpx.Client, base: str, root: Path) -> None:
    items = listing(client, base)
    for rel, is_dir in sorted(items):
        if is_dir:
            (root / rel).mkdir(parents=True, exist_ok=True)

    def get(rel: str) -> None:
        with client.stream("GET", _url(base, rel)) as response, open(root / rel, "wb") as sink:
            _check(response)
            for chunk in response.iter_bytes(CHUNK):
                sink.write(chunk)

    _parallel(get, [rel for rel, is_dir in items if not is_dir])


def _check(response: httpx.Response) -> None:
    if response.status_code >= 400 and not (
        response.request.method == "MKCOL" and response.status_code == 405
    ):
        raise SystemExit(f"{response.request.method} {response.url}: HTTP {response.status_code}")


def main(argv: list[str]) -> int:
    command, base, root = argv[0], argv[1], Path(argv[2])
    with _client() as client:
        if command == "upload":
            upload(client, base, root)
        elif command == "download":
            root.mkdir(parents=True, exist_ok=True)
            download(client, base, root)
        elif command == "list":
            remote = listing(client, base)
            local = walk_files(root)  # one lstat per item, as a sync's change detection
            print(f"{len(remote)} on the server, {len(local)} here")
        else:
            raise SystemExit(f"unknown command {command!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
