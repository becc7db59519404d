"""The running app's request channel: file managers (the Nautilus/Nemo/Caja extension)
ask it to share an item, open it online, show its versions... (issue 17, item 5; issue
18, item 3).  This module is the protocol, both ends of it, without Qt and without any
other part of cozysync (only the standard library: packaging installs a copy beside the
file-manager extension, whose Python may not see cozysync's).

**Where**: a Unix socket in the user's runtime folder (``$XDG_RUNTIME_DIR/cozysync/``,
0700; the socket itself 0600), named ``requests.sock`` (``requests-<hash>.sock`` for an
app run with ``COZYSYNC_HOME``, whose hash the client computes the same way);
``COZYSYNC_REQUESTS_SOCKET`` names another.  The app also checks that the peer runs as
the same user (``SO_PEERCRED``).

**How**: one request per connection, one JSON object per line each way (UTF-8)::

    → {"v": 1, "request": "open-online", "paths": ["/home/léa/Cozy/Devoir.docx"]}
    ← {"ok": true, "url": "https://lea-drive.mycozy.cloud/#/onlyoffice/…"}
    ← {"ok": false, "error": "not-available", "message": "…"}

Requests: ``menu`` (which actions apply to these paths: ``{"ok": true, "actions":
[...]}``, the ones the app can do for them now), and the actions ``share``,
``copy-share-link``, ``open-online``, ``versions``, ``deleted-files``.  Errors:
``not-available`` (the app has no such action yet, or not for this item),
``not-synced`` (no path is in a synced folder), ``failed`` (the action failed: its
``message`` says why, in the user's language), ``bad-request``.

**Who answers**: the app keeps a ``RequestHandlers`` registry; each action is a handler
``(paths, reply)`` registered by the part of the app that does it (the Share dialog, the
Versions dialog...), which calls ``reply`` once, maybe later (after work done in the
background).  An action nobody registered answers ``not-available``.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ACTIONS",
    "BAD_REQUEST",
    "COPY_SHARE_LINK",
    "DELETED_FILES",
    "FAILED",
    "MAX_LINE",
    "MENU",
    "NOT_AVAILABLE",
    "NOT_SYNCED",
    "OPEN_ONLINE",
    "PROTOCOL_VERSION",
    "SHARE",
    "SOCKET_ENV",
    "VERSIONS",
    "Answer",
    "Handler",
    "Prepare",
    "Reply",
    "RequestError",
    "RequestHandlers",
    "ask",
    "error_answer",
    "make_private_dir",
    "peer_uid",
    "request_line",
    "socket_path",
]

PROTOCOL_VERSION = 1
SOCKET_ENV = "COZYSYNC_REQUESTS_SOCKET"
HOME_ENV = "COZYSYNC_HOME"  # as cozysync.config (not imported: see the module doc)
MAX_LINE = 64 * 1024  # a request of a few paths; more is refused

MENU = "menu"
SHARE = "share"
COPY_SHARE_LINK = "copy-share-link"
OPEN_ONLINE = "open-online"
VERSIONS = "versions"
DELETED_FILES = "deleted-files"
ACTIONS = (SHARE, COPY_SHARE_LINK, OPEN_ONLINE, VERSIONS, DELETED_FILES)  # menu order

NOT_AVAILABLE = "not-available"
NOT_SYNCED = "not-synced"
FAILED = "failed"
BAD_REQUEST = "bad-request"

Answer = dict[str, Any]
Reply = Callable[[Answer], None]
Handler = Callable[[list[str], Reply], None]
Applies = Callable[[list[str]], bool]
Prepare = Callable[[list[str], Callable[[], None]], None]


class RequestError(Exception):
    """The app could not be asked (not running, no answer) or answered nonsense."""


# --- where ---------------------------------------------------------------------------------


def socket_path(environ: Mapping[str, str] | None = None) -> Path:
    """The request socket of the app run with this environment (see the module doc)."""
    env = os.environ if environ is None else environ
    if env.get(SOCKET_ENV):
        return Path(env[SOCKET_ENV])
    runtime = env.get("XDG_RUNTIME_DIR")
    base = Path(runtime) / "cozysync" if runtime else Path("/tmp") / f"cozysync-{os.getuid()}"
    home = env.get(HOME_ENV)
    if not home:
        return base / "requests.sock"
    digest = hashlib.sha256(os.fsencode(Path(home).expanduser().absolute())).hexdigest()[:12]
    return base / f"requests-{digest}.sock"


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (0700) or check that it is this user's and closed to others."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise PermissionError(f"{folder} is not a folder of this user")
    if info.st_mode & 0o077:
        os.chmod(folder, 0o700)


def peer_uid(fd: int) -> int | None:
    """The user id of the process at the other end of a connected Unix socket (Linux's
    ``SO_PEERCRED``); None where the system does not tell it."""
    if not hasattr(socket, "SO_PEERCRED"):
        return None  # pragma: no cover - not Linux: the socket's 0600 mode still holds
    with socket.socket(fileno=os.dup(fd)) as peer:
        creds = peer.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return int(uid)


# --- the client (the file-manager extension, tests) ---------------------------------------


def request_line(request: str, paths: Sequence[str | Path]) -> bytes:
    body = {"v": PROTOCOL_VERSION, "request": request, "paths": [str(p) for p in paths]}
    return json.dumps(body, ensure_ascii=False).encode("utf-8") + b"\n"


def ask(
    request: str,
    paths: Sequence[str | Path],
    *,
    path: Path | None = None,
    timeout: float = 30.0,
) -> Answer:
    """Send one request to the running app and return its answer (a dict with ``ok``);
    ``RequestError`` when no app listens or it does not answer in ``timeout`` seconds."""
    where = path if path is not None else socket_path()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(str(where))
            conn.sendall(request_line(request, paths))
            answer = _read_line(conn)
    except (OSError, TimeoutError) as exc:
        raise RequestError(f"cozysync is not answering on {where}: {exc}") from exc
    try:
        data = json.loads(answer.decode("utf-8"))
    except ValueError as exc:
        raise RequestError("cozysync sent an answer that cannot be read") from exc
    if not isinstance(data, dict) or not isinstance(data.get("ok"), bool):
        raise RequestError("cozysync sent an answer that cannot be read")
    return data


def _read_line(conn: socket.socket) -> bytes:
    received = b""
    while not received.endswith(b"\n"):
        chunk = conn.recv(4096)
        if not chunk:
            break
        received += chunk
        if len(received) > MAX_LINE:
            raise RequestError("cozysync's answer is too long")
    return received


# --- the server side (the app) -------------------------------------------------------------


def error_answer(code: str, message: str) -> Answer:
    return {"ok": False, "error": code, "message": message}


@dataclass
class _Action:
    handler: Handler
    applies: Applies
    prepare: Prepare | None = None


@dataclass
class RequestHandlers:
    """The actions the app can do for a file manager, by request name.  ``in_sync``
    tells whether paths are all in synced folders; ``words`` gives the user's language
    for the standard errors (English by default)."""

    in_sync: Callable[[list[str]], bool]
    words: Callable[[str], str] = lambda text: text
    _actions: dict[str, _Action] = field(default_factory=dict)

    def register(
        self,
        request: str,
        handler: Handler,
        applies: Applies | None = None,
        prepare: Prepare | None = None,
    ) -> None:
        """Make ``request`` answered by ``handler``; ``applies`` says for which paths
        (in synced folders) it is offered in the menu (all of them by default).
        ``applies`` runs where the request is answered (the app's GUI thread): what it
        needs that is slow to learn (a folder's remote, built from the keyring) is
        learned by ``prepare(paths, then)``, which may do it in the background and calls
        ``then()`` once when ``applies`` can be asked."""
        if request not in ACTIONS:
            raise ValueError(f"unknown request {request!r} (one of {', '.join(ACTIONS)})")
        self._actions[request] = _Action(handler, applies or (lambda paths: True), prepare)

    def unregister(self, request: str) -> None:
        self._actions.pop(request, None)

    def available(self, paths: list[str]) -> list[str]:
        """The actions offered for ``paths``, in menu order."""
        if not paths or not self.in_sync(paths):
            return []
        return [name for name in ACTIONS if name in self._actions and self._applies(name, paths)]

    def answer(self, line: bytes, reply: Reply) -> None:
        """Answer one request line through ``reply`` (called once, maybe later)."""
        parsed = self._parse(line)
        if isinstance(parsed, dict):
            reply(parsed)
            return
        request, paths = parsed
        names = [n for n in ACTIONS if n in self._actions] if request == MENU else [request]
        self._prepared(names, paths, lambda: self._answer(request, paths, reply))

    def _prepared(self, names: list[str], paths: list[str], then: Callable[[], None]) -> None:
        """Call ``then`` once every action named has learned what its ``applies``
        needs for ``paths`` (at once when none has anything to learn)."""
        prepares = [a.prepare for n in names if (a := self._actions.get(n)) and a.prepare]
        if not prepares or not self.in_sync(paths):
            then()
            return
        waiting = len(prepares)

        def one_done() -> None:
            nonlocal waiting
            waiting -= 1
            if waiting == 0:
                then()

        for prepare in prepares:
            done = _once_done(one_done)
            try:
                prepare(paths, done)
            except Exception:  # a bug in one must not leave the file manager waiting
                done()

    def _answer(self, request: str, paths: list[str], reply: Reply) -> None:
        if request == MENU:
            reply({"ok": True, "actions": self.available(paths)})
            return
        if not self.in_sync(paths):
            reply(error_answer(NOT_SYNCED, self.words("This item is not in a synced folder.")))
            return
        action = self._actions.get(request)
        if action is None or not self._applies(request, paths):
            reply(error_answer(NOT_AVAILABLE, self.words("cozysync cannot do this yet.")))
            return
        try:
            action.handler(paths, _once(reply))
        except Exception as exc:  # a handler's bug must not leave the file manager waiting
            reply(error_answer(FAILED, str(exc) or type(exc).__name__))

    def _applies(self, name: str, paths: list[str]) -> bool:
        try:
            return self._actions[name].applies(paths)
        except Exception:
            return False

    def _parse(self, line: bytes) -> tuple[str, list[str]] | Answer:
        bad = error_answer(BAD_REQUEST, self.words("cozysync did not understand the request."))
        try:
            data = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return bad
        if not isinstance(data, dict) or data.get("v") != PROTOCOL_VERSION:
            return bad
        request, paths = data.get("request"), data.get("paths")
        if request not in (MENU, *ACTIONS) or not isinstance(paths, list):
            return bad
        if not paths or not all(isinstance(p, str) and os.path.isabs(p) for p in paths):
            return bad
        return str(request), [str(p) for p in paths]


def _once_done(then: Callable[[], None]) -> Callable[[], None]:
    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            then()

    return once


def _once(reply: Reply) -> Reply:
    done = False

    def once(answer: Answer) -> None:
        nonlocal done
        if not done:
            done = True
            reply(answer)

    return once
