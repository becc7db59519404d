"""The CLI run in the test's own process: ``cozysync.cli.main.main(argv)`` with the
environment, standard input and outputs of a ``python -m cozysync`` subprocess.

For tests where the command line is the way to drive the engine, not the thing under
test (the reconciler's cases end to end): the same parser, commands, output and exit
codes, without the ~0.3 s of a new interpreter importing cozysync at each run.  The tests
of the CLI itself (tests/engine/test_cli*.py) still start real subprocesses.

While a command runs, the environment variables the subprocess would get are set in
``os.environ`` (``COZYSYNC_HOME``, ``XDG_DATA_HOME``, ...), the OS trash is the one under
that ``XDG_DATA_HOME`` (send2trash fixed it at import), ``sys.stdin`` reads the given
text (or nothing, as ``/dev/null``), and ``sys.stdout``/``sys.stderr`` are captured,
also where ``cozysync.cli.output`` bound them as default arguments when it was imported.
``on_line`` sees each line printed on stdout as it is printed (a login address, for the
test's browser).  Failpoints (``COZYSYNC_FAILPOINTS``, armed at import) need a subprocess.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from typing import Any

from tests.engine.test_cli import Cli, Result

__all__ = ["InProcessCli", "in_process", "run_in_process"]

_ONE_AT_A_TIME = threading.Lock()  # the process-wide state swapped below


class _Lines(io.StringIO):
    """stdout: kept whole, and each complete line handed to ``on_line`` as it comes."""

    def __init__(self, on_line: Callable[[str], None] | None) -> None:
        super().__init__()
        self._on_line = on_line
        self._pending = ""

    def write(self, text: str) -> int:
        written = super().write(text)
        if self._on_line is not None:
            self._pending += text
            *lines, self._pending = self._pending.split("\n")
            for line in lines:
                self._on_line(line + "\n")
        return written


@contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    changed = {k: os.environ.get(k) for k, v in env.items() if os.environ.get(k) != v}
    os.environ.update({k: env[k] for k in changed})
    try:
        yield
    finally:
        for name, value in changed.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _locale_language() -> Iterator[None]:
    """The command's words follow its environment's locale, as in a new process: not a
    language the tray app under test chose for this one (``cozysync.i18n.use_language``)."""
    from cozysync import i18n

    chosen = i18n.chosen_language()
    i18n.use_language(None)
    try:
        yield
    finally:
        i18n.use_language(chosen)


@contextmanager
def _os_trash(env: Mapping[str, str]) -> Iterator[None]:
    """The OS trash under the command's ``XDG_DATA_HOME``: send2trash reads it once, when
    it is imported, into module constants (for this process: the user's own trash)."""
    from send2trash import plat_other

    from cozysync.local import fs

    if fs.send2trash is not plat_other.send2trash:
        raise RuntimeError(f"cozysync trashes with {fs.send2trash.__module__}: run a subprocess")
    data_home = os.fsencode(os.path.expanduser(env.get("XDG_DATA_HOME", "~/.local/share")))
    trash = os.path.join(data_home, b"Trash")
    place = {"XDG_DATA_HOME": data_home, "HOMETRASH_B": trash, "HOMETRASH": os.fsdecode(trash)}
    missing = [name for name in place if not hasattr(plat_other, name)]
    if missing:
        raise RuntimeError(f"send2trash.plat_other has no {missing}: run a subprocess")
    saved = {name: getattr(plat_other, name) for name in place}
    for name, value in place.items():
        setattr(plat_other, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(plat_other, name, value)


def _stream_defaults() -> list[Any]:
    """The functions of ``cozysync.cli.output`` (and methods of its classes) whose
    defaults hold the stdout or stderr of the import time (``out: TextIO = sys.stdout``)."""
    from cozysync.cli import output

    found = []
    for value in vars(output).values():
        members = vars(value).values() if isinstance(value, type) else (value,)
        for member in members:
            defaults = getattr(member, "__defaults__", None)
            if defaults and any(hasattr(d, "write") for d in defaults):
                found.append(member)
    return found


@contextmanager
def _outputs(out: io.StringIO, err: io.StringIO) -> Iterator[None]:
    """stdout and stderr captured, default arguments included: a parameter named ``out``
    held stdout, any other stream parameter (``ProgressLine(stream)``) stderr."""
    saved = {f: f.__defaults__ for f in _stream_defaults()}
    for function, defaults in saved.items():
        code = function.__code__
        names = code.co_varnames[: code.co_argcount][-len(defaults) :]
        function.__defaults__ = tuple(
            (out if name == "out" else err) if hasattr(value, "write") else value
            for name, value in zip(names, defaults, strict=True)
        )
    try:
        with redirect_stdout(out), redirect_stderr(err):
            yield
    finally:
        for function, defaults in saved.items():
            function.__defaults__ = defaults


def run_in_process(
    env: Mapping[str, str],
    args: Sequence[str],
    *,
    stdin: str | None = None,
    on_line: Callable[[str], None] | None = None,
) -> tuple[int, str, str]:
    """``cozysync ARGS`` in this process: (exit code, stdout, stderr)."""
    from cozysync.cli.main import main

    if env.get("COZYSYNC_FAILPOINTS"):  # read once, when cozysync.failpoints is imported
        raise ValueError("failpoints are armed in a new process only: run a subprocess")
    out, err = _Lines(on_line), io.StringIO()
    saved_stdin = sys.stdin
    with _ONE_AT_A_TIME, _environment(env), _locale_language(), _os_trash(env), _outputs(out, err):
        sys.stdin = io.StringIO(stdin or "")
        try:
            code = main(list(args))
        finally:
            sys.stdin = saved_stdin
    return code, out.getvalue(), err.getvalue()


@dataclass
class InProcessCli(Cli):
    """``Cli`` whose commands run in this process (``run_in_process``)."""

    def __call__(self, *args: str, stdin: str | None = None, timeout: float = 120) -> Result:
        return Result(*run_in_process(self.env, args, stdin=stdin))


def in_process(cli: Cli) -> InProcessCli:
    return InProcessCli(cli.home, cli.env)
