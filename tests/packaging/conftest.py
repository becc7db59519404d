"""Helpers for the packaging tests: the real validators from Debian's packages, and the
``cozysync`` command run as a subprocess in an environment kept inside ``tmp_path``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "cozysync" / "data"
PACKAGING = ROOT / "packaging"
APP_ID = "org.cozysync.CozySync"


def runtime_requirements() -> list[Requirement]:
    """pyproject.toml's ``dependencies``: what the app needs at run time."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [Requirement(text) for text in pyproject["project"]["dependencies"]]


def canonical_name(name: str) -> str:
    """A distribution's name as PyPI compares them (PEP 503): ``PyPAC`` is ``pypac``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def require_tool(name: str, package: str) -> str:
    """The tool's path; a failure in CI (scripts/setup installs it), else a skip."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt install {package}; ./scripts/setup --test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@dataclass
class Run:
    code: int
    out: str
    err: str


@dataclass
class UserEnv:
    """A user's environment with every XDG folder and COZYSYNC_HOME under ``root``."""

    root: Path
    env: dict[str, str]

    @property
    def data_home(self) -> Path:
        return Path(self.env["XDG_DATA_HOME"])

    @property
    def config_home(self) -> Path:
        return Path(self.env["XDG_CONFIG_HOME"])

    def files(self) -> set[Path]:
        return {p for p in self.root.rglob("*") if p.is_file() or p.is_symlink()}

    def cozysync(self, *args: str, stdin: str | None = None, exe: list[str] | None = None) -> Run:
        proc = subprocess.run(
            [*(exe or [sys.executable, "-m", "cozysync"]), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def user_env(tmp_path: Path) -> UserEnv:
    root = tmp_path / "user"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COZYSYNC_"))}
    env = {k: v for k, v in env.items() if k.lower() not in ("http_proxy", "https_proxy")}
    env.update(
        HOME=str(root / "home"),
        XDG_DATA_HOME=str(root / "share"),
        XDG_CONFIG_HOME=str(root / "config"),
        XDG_CONFIG_DIRS=str(root / "etc-xdg"),  # no system defaults unless a test writes them
        COZYSYNC_HOME=str(root / "cozysync-home"),
        PYTHONPATH=str(ROOT),
        PATH="/usr/bin:/bin",  # the interpreter is run by full path; no cozysync-gui here
    )
    (root / "home").mkdir(parents=True)
    return UserEnv(root, env)
