"""What a start of the CLI imports (issue 20, item 2): the parser is built at every
start, before any command runs, so nothing it imports may be a module that only some
commands or settings use.  Each check runs a fresh interpreter (``sys.modules`` of the
test process holds what other tests imported) and lists what the code under test left
in ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# imported only by what uses them: proxies (PAC, Kerberos, SOCKS, the desktop portal),
# sharing and its QR code, ignore rules, the HTTP stack itself
ONLY_WHEN_USED = (
    "pypac",
    "dukpy",
    "spnego",
    "socksio",
    "python_socks",
    "jeepney",
    "segno",
    "pathspec",
    "httpx",
    "httpcore",
    "cryptography",
    "cozysync.remotes.proxy_pac",
    "cozysync.remotes.proxy_negotiate",
    "cozysync.share_words",
    "cozysync.share_models",
    "cozysync.share_errors",
    "cozysync.service.sharing",
    "cozysync.remotes.nextcloud_shares",
)


def imported_by(code: str) -> set[str]:
    """The top modules and packages in ``sys.modules`` after ``code`` ran in a new
    interpreter."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if n in modules or any(m.startswith(f"{n}.") for m in modules)]


def test_building_the_parser_imports_no_module_only_some_commands_use() -> None:
    modules = imported_by("import cozysync.cli.main as m\nm.build_parser()")

    assert "cozysync.cli.share_commands" in modules  # the parser was built, sharing included
    assert loaded(modules, ONLY_WHEN_USED) == []


def test_pathspec_is_imported_only_for_a_folder_with_its_ignore_file(tmp_path: Path) -> None:
    code = f"""
import sys
from pathlib import Path
from cozysync.local.ignore import IgnoreMatcher
root = Path({str(tmp_path)!r})
rules = IgnoreMatcher(root)
assert not rules.is_ignored("cours/devoir.txt", False)
assert rules.is_ignored("cours/~$devoir.docx", False)  # a built-in pattern
assert "pathspec" not in sys.modules
(root / ".cozyignore").write_text("brouillons/\\n", encoding="utf-8")
rules.refresh()
assert rules.is_ignored("brouillons/a.txt", False)
assert not rules.is_ignored("cours/devoir.txt", False)
"""
    modules = imported_by(code)

    assert "pathspec" in modules  # the rules of the file came from pathspec
