"""System-wide defaults an IT team presets on a machine image.

``cozysync/defaults.toml`` is looked up in each folder of ``XDG_CONFIG_DIRS`` (default
``/etc/xdg``), in order; the first file found is the one used (no merging, so what a
machine does is read in one file).  It may preset:

``server``, ``user``, ``folder``, ``mode``
    what ``cozysync link`` uses when the command line leaves them out; ``{user}`` in
    ``server`` and ``user`` is replaced by the login name of the person running cozysync.
``proxy``, ``no_proxy``
    an HTTP(S) proxy for every connection, applied as ``HTTPS_PROXY``/``HTTP_PROXY``/
    ``NO_PROXY`` (which the HTTP client honours) unless the user's environment already
    sets a proxy; ``localhost`` and ``127.0.0.1`` always bypass it.  ``no_proxy`` is a
    comma-separated string or a list of strings.
``proxy_mode``, ``proxy_pac_url``
    how the ``system`` proxy choice ends when neither the environment nor the desktop
    names a proxy (``remotes/proxy.py``): ``manual`` (``proxy``: the default when it is
    set), ``pac`` (the PAC file at ``proxy_pac_url``), ``auto`` (WPAD) or ``off``.

A damaged file, an unknown key or a value of the wrong type is a ``ConfigError`` naming
the file, so a typo in an image is found on the first run, not ignored.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, fields
from pathlib import Path

from cozysync.errors import ConfigError
from cozysync.phrases import phrase

__all__ = [
    "CONFIG_DIRS_ENV",
    "DEFAULTS_NAME",
    "SystemDefaults",
    "apply_proxy",
    "config_dirs",
    "find_defaults_file",
    "load_defaults",
]

CONFIG_DIRS_ENV = "XDG_CONFIG_DIRS"
DEFAULT_CONFIG_DIRS = "/etc/xdg"
DEFAULTS_NAME = Path("cozysync") / "defaults.toml"
PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")
APPLIED_MARK = "COZYSYNC_PROXY_FROM_DEFAULTS"  # set beside the variables apply_proxy puts
PROXY_MODES = ("manual", "pac", "auto", "off")
ALWAYS_DIRECT = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True, slots=True)
class SystemDefaults:
    """The values of the defaults file (None: not set), and the file they came from."""

    server: str | None = None
    user: str | None = None
    folder: str | None = None
    mode: str | None = None
    proxy: str | None = None
    no_proxy: str | None = None
    proxy_mode: str | None = None
    proxy_pac_url: str | None = None
    source: Path | None = None

    @property
    def folder_path(self) -> Path | None:
        return None if self.folder is None else Path(self.folder).expanduser()


def config_dirs(environ: Mapping[str, str] | None = None) -> list[Path]:
    """``XDG_CONFIG_DIRS`` as the XDG spec reads it: absolute paths only, in order."""
    env = os.environ if environ is None else environ
    value = env.get(CONFIG_DIRS_ENV) or DEFAULT_CONFIG_DIRS
    return [Path(part) for part in value.split(os.pathsep) if part and os.path.isabs(part)]


def find_defaults_file(environ: Mapping[str, str] | None = None) -> Path | None:
    for folder in config_dirs(environ):
        candidate = folder / DEFAULTS_NAME
        if candidate.is_file():
            return candidate
    return None


def load_defaults(environ: Mapping[str, str] | None = None) -> SystemDefaults:
    """The first defaults file found, or empty defaults when there is none."""
    path = find_defaults_file(environ)
    if path is None:
        return SystemDefaults()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            phrase(
                "cannot read the defaults file {path}: {strerror}", path=path, strerror=exc.strerror
            )
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            phrase("the defaults file {path} is not valid TOML ({exc})", path=path, exc=exc),
            phrase("Ask your IT team to fix it; see packaging/README.md for its format."),
        ) from exc
    return _from_toml(data, path)


def _from_toml(data: Mapping[str, object], path: Path) -> SystemDefaults:
    known = [f.name for f in fields(SystemDefaults) if f.name != "source"]
    values: dict[str, str] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(
                phrase("unknown setting {key!r} in the defaults file {path}", key=key, path=path),
                phrase("Known settings: {names}.", names=", ".join(known)),
            )
        if key == "no_proxy" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str):
            raise ConfigError(
                phrase("{key!r} in the defaults file {path} must be a string", key=key, path=path)
            )
        values[key] = value.strip()
    _check_proxy(values, path)
    login = _login_name()
    for key in ("server", "user"):
        if key in values:
            values[key] = values[key].replace("{user}", login)
    return SystemDefaults(**values, source=path)


def _check_proxy(values: Mapping[str, str], path: Path) -> None:
    mode = values.get("proxy_mode")
    if mode is not None and mode not in PROXY_MODES:
        raise ConfigError(
            phrase(
                "proxy_mode {mode!r} in the defaults file {path} is not one of {names}",
                mode=mode, path=path, names=", ".join(PROXY_MODES),
            )
        )  # fmt: skip
    if mode == "manual" and not values.get("proxy"):
        raise ConfigError(
            phrase(
                "proxy_mode is manual in the defaults file {path}, but proxy is not set", path=path
            )
        )
    pac = values.get("proxy_pac_url")
    if mode == "pac" and not pac:
        raise ConfigError(
            phrase(
                "proxy_mode is pac in the defaults file {path}, but proxy_pac_url is not set",
                path=path,
            )
        )
    if pac is not None and not pac.startswith(("http://", "https://")):
        raise ConfigError(
            phrase(
                "proxy_pac_url in the defaults file {path} must be an http(s) address", path=path
            )
        )


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without /etc/passwd entry)
        return str(os.getuid())


def apply_proxy(defaults: SystemDefaults, environ: MutableMapping[str, str]) -> bool:
    """Put the defaults' proxy in ``environ`` unless one is set there.  True if applied.
    (A ``proxy_mode`` other than manual is applied by ``remotes/proxy.py`` instead.)"""
    if defaults.proxy_mode not in (None, "manual"):
        return False
    if not defaults.proxy or any(environ.get(name) for name in PROXY_VARIABLES):
        return False
    environ[APPLIED_MARK] = "1"  # the desktop's settings still come before it
    environ["HTTPS_PROXY"] = environ["HTTP_PROXY"] = defaults.proxy
    direct = [part.strip() for part in (defaults.no_proxy or "").split(",") if part.strip()]
    existing = environ.get("NO_PROXY") or environ.get("no_proxy") or ""
    direct += [part.strip() for part in existing.split(",") if part.strip()]
    direct += [host for host in ALWAYS_DIRECT if host not in direct]
    environ["NO_PROXY"] = ",".join(dict.fromkeys(direct))
    return True
