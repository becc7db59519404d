"""Two faults of the whole-engine checker that need more than a proxy or a kill:

- ``SmallDisk``: the local folder and cozysync's home (journal, logs) on a small tmpfs of
  their own; the disk-full fault fills it with a filler file, leaving a few random bytes
  free, for one ``sync --once``, then frees the space.  Invariant (the usual checks after
  settling): nothing is lost, and the run converges once space returns.  Mounting needs
  root (``mount -t tmpfs``); where it is refused the fault is skipped with the reason.
- ``watch_step``: ``cozysync run`` (watch mode) as a subprocess, users acting on both
  sides while it runs, then a SIGKILL at a random point (sometimes a clean Ctrl-C), and
  the history goes on (the next ``sync --once`` is the restart).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.chaos.history import World

__all__ = ["SmallDisk", "set_poll_interval", "watch_step"]

DISK_SIZE = 48 * 1024 * 1024
WATCH_POLL_S = 1.0


class SmallDisk:
    """A tmpfs of ``size`` bytes mounted at ``mount_point`` (root only)."""

    def __init__(self, mount_point: Path, size: int = DISK_SIZE) -> None:
        self.mount_point = mount_point
        self.size = size
        self.filler = mount_point / "filler.bin"  # beside the synced folder, never in it
        self.mounted = False
        self.refused: str | None = None

    def mount(self) -> bool:
        self.mount_point.mkdir(parents=True, exist_ok=True)
        run = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={self.size}", "tmpfs", str(self.mount_point)],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            self.refused = (run.stderr or run.stdout).strip() or f"exit {run.returncode}"
            return False
        self.mounted = True
        return True

    def unmount(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.mount_point)], check=False)
            self.mounted = False

    def free_bytes(self) -> int:
        st = os.statvfs(self.mount_point)
        return st.f_bavail * st.f_frsize

    def fill(self, leave: int) -> None:
        """Fill the disk until only about ``leave`` bytes are free."""
        with self.filler.open("ab") as out:
            block = b"\0" * (1 << 20)
            while (room := self.free_bytes() - leave) > 0:
                try:
                    out.write(block[: min(len(block), room)])
                    out.flush()
                except OSError:
                    break

    def unfill(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.filler.unlink()


def set_poll_interval(config_dir: Path, seconds: float = WATCH_POLL_S) -> None:
    """Make watch mode poll the server every ``seconds`` (folders.json, as a user would)."""
    path = config_dir / "folders.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for folder in data["folders"]:
        folder["poll_interval_s"] = seconds
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def watch_step(world: World) -> None:
    """``cozysync run`` while users act on both sides; then SIGKILL (or Ctrl-C)."""
    rng = world.rng
    world.result.syncs += 1
    env = world.env()
    label = "watch"
    if rng.random() < 0.3:
        world.schedule.rate = rng.uniform(0.03, 0.2)
        world.schedule.allow_hang = False
        label += f"+proxy({world.schedule.rate:.2f})"
    before = Counter(world.schedule.counts)
    how = "itself"
    proc = world.cli("run", env=env)
    watching = threading.Event()  # cozysync's Ctrl-C handler is in place once it says so
    err_lines: list[str] = []
    readers = [
        threading.Thread(target=_read_out, args=(proc, watching), daemon=True),
        threading.Thread(target=_read_err, args=(proc, err_lines), daemon=True),
    ]
    for reader in readers:
        reader.start()
    try:
        for _ in range(rng.randint(1, 4)):
            time.sleep(rng.uniform(0.2, 2.0))
            world.user_action(rng.choice(("local", "local", "remote")))
        time.sleep(rng.uniform(0.0, 3.0))
        # a Ctrl-C while Python is still importing is Python's, not cozysync's: SIGKILL then
        graceful = rng.random() < 0.25 and watching.wait(timeout=3.0)
        how = "Ctrl-C" if graceful else "SIGKILL"
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT if graceful else signal.SIGKILL)
        try:
            proc.wait(timeout=world.options.sync_deadline)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            world.result.failures.append("hung: cozysync run did not stop on Ctrl-C")
    finally:
        world.schedule.rate = 0.0
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    for reader in readers:
        reader.join(timeout=10)
    err = "".join(err_lines)
    code = proc.returncode
    if code == -signal.SIGKILL:
        world.result.faults["kill:watch-mode"] += 1
    elif "Traceback" in err or code not in (0, 1, 3):
        world.result.failures.append(f"watch [{label}] exited {code}: {err.strip()[-400:]}")
    world.result.faults.update(Counter(world.schedule.counts) - before)
    world.note(f"watch [{label}] stopped by {how}: exit {code}")


def _read_out(proc: subprocess.Popen[str], watching: threading.Event) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("Watching "):
            time.sleep(0.2)  # its stop handlers are installed right after it says so
            watching.set()


def _read_err(proc: subprocess.Popen[str], lines: list[str]) -> None:
    assert proc.stderr is not None
    lines.extend(proc.stderr)
