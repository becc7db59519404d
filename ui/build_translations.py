"""Update the translation sources and build the catalogues the app loads.

    python -m cozysync_ui.build_translations            # .ts → .qm (pyside6-lrelease)
    python -m cozysync_ui.build_translations --update   # first re-extract the strings

``--update`` runs ``pyside6-lupdate`` over ``ui/`` into ``resources/i18n/cozysync_<lang>.ts``
(keeping existing translations); translate the new entries (Qt Linguist, or any editor),
then build.  English has a catalogue too, for its plural forms ("1 change", "2 changes").
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from cozysync_ui.i18n import I18N_DIR, LANGUAGES

__all__ = ["release", "sources", "update"]

UI_DIR = Path(__file__).parent


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if p.name != "build_translations.py")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is missing: pip install PySide6-Essentials")
    return found


def update(ts_dir: Path = I18N_DIR) -> list[Path]:
    files = []
    for language in LANGUAGES:
        ts = ts_dir / f"cozysync_{language}.ts"
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                *map(str, sources()),
                "-locations",
                "none",
                "-no-obsolete",
                "-source-language",
                "en",
                "-target-language",
                language,
                "-ts",
                str(ts),
            ],
            check=True,
            capture_output=True,
        )
        files.append(ts)
    return files


def release(ts_dir: Path = I18N_DIR) -> list[Path]:
    built = []
    for language in LANGUAGES:
        ts = ts_dir / f"cozysync_{language}.ts"
        qm = ts.with_suffix(".qm")
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
            check=True,
            capture_output=True,
        )
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="re-extract the strings first")
    args = parser.parse_args(argv)
    if args.update:
        for path in update():
            print(f"updated {path}")
    for path in release():
        print(f"built {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
