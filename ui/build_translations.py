"""Update the translation sources and build the catalogues the app loads.

    python -m cozysync_ui.build_translations            # .ts → .qm (pyside6-lrelease)
    python -m cozysync_ui.build_translations --update   # first merge in the new strings

``--update`` finds the strings of ``ui/`` and ``cozysync/`` (every ``translate`` call, and
every error's ``phrase``), then merges them
into ``resources/i18n/cozysync_<lang>.ts``: existing translations are kept, new strings
are added as unfinished (plural ones — their text holds ``%n`` — with plural forms: the
Python extractor does not mark them), strings gone from the code are dropped.  Translate
the new entries (Qt Linguist, or any editor), then build.  English has a catalogue too,
for its plural forms ("1 change", "2 changes").
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from cozysync_ui.i18n import I18N_DIR, LANGUAGES

__all__ = [
    "engine_catalogue",
    "release",
    "sources",
    "strings_in_code",
    "update",
    "write_engine_catalogue",
]

UI_DIR = Path(__file__).parent
ENGINE_DIR = UI_DIR.parent / "cozysync"
ENGINE_CATALOGUE = ENGINE_DIR / "data" / "translations.json"
PHRASES_CONTEXT = "Errors"  # cozysync.phrases.CONTEXT
ENGINE_CONTEXTS = ("Messages", "CLI", "CLI help", PHRASES_CONTEXT)  # the engine's, the CLI's
PLURAL_FORMS = {"en": 2, "fr": 2}


def sources() -> list[Path]:
    ui = sorted(p for p in UI_DIR.rglob("*.py") if p.name != "build_translations.py")
    return ui + sorted(ENGINE_DIR.rglob("*.py"))


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is missing: pip install PySide6-Essentials")
    return found


def strings_in_code() -> list[tuple[str, str]]:
    """Every (context, source text) the code translates: each ``translate("Context",
    "text", ...)`` call whose first two arguments are literal strings, in file order.
    (Read with ``ast``: pyside6-lupdate misses calls whose count is an attribute.)"""
    found: list[tuple[str, str]] = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            context, text = node.args[0], node.args[1]
            literal = isinstance(context, ast.Constant) and isinstance(text, ast.Constant)
            if name == "translate" and literal and isinstance(text.value, str):
                key = (str(context.value), text.value)
                if key not in found:
                    found.append(key)
        found += [key for key in phrases_in(path) if key not in found]
    return found + [key for key in cli_help_strings() if key not in found]


def phrases_in(path: Path) -> list[tuple[str, str]]:
    """An error's words written as ``phrase("English {field}", ...)``
    (``cozysync.phrases``): translated where the error is shown."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        text = node.args[0]
        if name == "phrase" and isinstance(text, ast.Constant) and isinstance(text.value, str):
            found.append((PHRASES_CONTEXT, text.value))
    return found


def cli_help_strings() -> list[tuple[str, str]]:
    """The CLI's --help texts (argparse's own words too), from its parsers as built:
    ``cozysync.cli.help_words`` translates them when the help is shown."""
    from cozysync.cli.help_words import CONTEXT, help_sources
    from cozysync.cli.main import build_parser

    return [(CONTEXT, text) for text in help_sources(build_parser())]


def _new_message(source: str, language: str) -> ET.Element:
    message = ET.Element("message")
    ET.SubElement(message, "source").text = source
    translation = ET.SubElement(message, "translation", type="unfinished")
    if "%n" in source:
        message.set("numerus", "yes")
        for _ in range(PLURAL_FORMS[language]):
            ET.SubElement(translation, "numerusform")
    return message


def merge(ts: Path, language: str, strings: list[tuple[str, str]]) -> None:
    """Rewrite ``ts`` to hold exactly ``strings``, keeping the translations it had."""
    old: dict[tuple[str, str], ET.Element] = {}
    if ts.exists():
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                old[(name, message.findtext("source") or "")] = message
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    contexts: dict[str, ET.Element] = {}
    for name, source in strings:
        if name not in contexts:
            contexts[name] = ET.SubElement(root, "context")
            ET.SubElement(contexts[name], "name").text = name
        contexts[name].append(old.get((name, source)) or _new_message(source, language))
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
    ts.write_text(header + body + "\n", encoding="utf-8")


def update(ts_dir: Path = I18N_DIR) -> list[Path]:
    strings = strings_in_code()
    files = []
    for language in LANGUAGES:
        ts = ts_dir / f"cozysync_{language}.ts"
        merge(ts, language, strings)
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


def _finished(message: ET.Element) -> str | list[str] | None:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
        return None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return translation.text or None


def engine_catalogue(ts_dir: Path = I18N_DIR) -> dict[str, dict[str, dict[str, object]]]:
    """The finished translations of ``ENGINE_CONTEXTS``: language → context → English
    source → its translation (a list of plural forms for a ``%n`` text)."""
    catalogue: dict[str, dict[str, dict[str, object]]] = {}
    for language in LANGUAGES:
        contexts: dict[str, dict[str, object]] = {}
        for context in ET.parse(ts_dir / f"cozysync_{language}.ts").getroot().iter("context"):
            name = context.findtext("name") or ""
            if name not in ENGINE_CONTEXTS:
                continue
            for message in context.iter("message"):
                found = _finished(message)
                if found is not None:
                    contexts.setdefault(name, {})[message.findtext("source") or ""] = found
        catalogue[language] = contexts
    return catalogue


def write_engine_catalogue(ts_dir: Path = I18N_DIR, target: Path = ENGINE_CATALOGUE) -> Path:
    text = json.dumps(engine_catalogue(ts_dir), ensure_ascii=False, indent=1, sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="merge in the new strings first")
    args = parser.parse_args(argv)
    if args.update:
        for path in update():
            print(f"updated {path}")
    for path in release():
        print(f"built {path}")
    print(f"built {write_engine_catalogue()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
