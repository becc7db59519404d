"""The engine's and the CLI's translations (issue 16, item 6): one source, the Qt
``.ts`` catalogues; ``cozysync/data/translations.json`` is built from them and must be
up to date; every message id and every CLI sentence has French words."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from cozysync import i18n
from cozysync.i18n import language, plural_index
from cozysync.message_texts import known_ids, message_table, message_texts
from cozysync.messages import MessageId
from cozysync_ui import build_translations
from cozysync_ui.i18n import I18N_DIR


def shipped() -> dict[str, dict[str, dict[str, object]]]:
    return json.loads(i18n.CATALOGUE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_engine_catalogue_is_built_from_the_ts_sources():
    assert shipped() == build_translations.engine_catalogue(I18N_DIR), (
        "run: python -m cozysync_ui.build_translations"
    )


def test_every_engine_message_has_french_words():
    french = shipped()["fr"]["Messages"]
    ids = {m.value for m in MessageId if not m.value.startswith("status.")}
    assert ids - known_ids() == set()  # each id has an English title and hint
    untranslated = []
    for message_id, (title, hint) in message_table(lambda context, text: text).items():
        untranslated += [(message_id, t) for t in (title, hint) if not french.get(t)]
    assert untranslated == []


def test_every_cli_sentence_has_french_words():
    in_code = [t for c, t in build_translations.strings_in_code() if c == "CLI"]
    assert len(in_code) > 20
    french = shipped()["fr"]["CLI"]
    missing = [t for t in in_code if not french.get(t)]
    assert missing == []
    plural = [t for t in in_code if "%n" in t]
    assert all(isinstance(french[t], list) and len(french[t]) == 2 for t in plural)
    english = shipped()["en"]["CLI"]
    assert all(isinstance(english.get(t), list) for t in plural)  # "1 change", "2 changes"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_BE.UTF-8"}, "fr"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "de:fr:en"}, "fr"),  # first known wins
        ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "en"}, "en"),
        ({"LC_ALL": "C", "LANGUAGE": "fr"}, "en"),  # gettext ignores LANGUAGE under C
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_follows_gettexts_variables(env: dict[str, str], expected: str):
    assert language(env) == expected


def test_french_says_zero_and_one_in_the_singular_english_only_one():
    assert [plural_index("fr", n) for n in (0, 1, 2, 10)] == [0, 0, 1, 1]
    assert [plural_index("en", n) for n in (0, 1, 2, 10)] == [1, 0, 1, 1]


def test_plural_forms_in_both_languages(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    said = [
        i18n.translate("CLI", "%n conflicts waiting (cozysync conflicts)", n) for n in (0, 1, 2)
    ]
    assert said == [
        "0 conflit en attente (cozysync conflicts)",
        "1 conflit en attente (cozysync conflicts)",
        "2 conflits en attente (cozysync conflicts)",
    ]
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert i18n.translate("CLI", "%n changes made", 1) == "1 change made"
    assert i18n.translate("CLI", "%n changes made", 0) == "0 changes made"


def test_an_engine_message_in_french_through_the_cli_catalogue(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    texts = message_texts(MessageId.ERROR_AUTH, "login refused", "", translate=i18n.translate)
    assert texts.title == "Votre cloud a refusé la connexion"
    english_hint = message_texts(MessageId.ERROR_AUTH, "", "").hint
    assert texts.hint == shipped()["fr"]["Messages"][english_hint] != english_hint


def test_progress_and_conflicts_in_french(monkeypatch: pytest.MonkeyPatch):
    import io

    from cozysync.api import ConflictInfo
    from cozysync.cli.output import print_conflicts, progress_words
    from cozysync.progress_estimate import Progress

    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    said = progress_words(Progress(120, 2000, 1_200_000, 30_000_000, 6, 150.0))
    assert said == (
        "120 sur 2\u202f000 fichiers · 1,1 Mo sur 28,6 Mo · 6\u00a0% · environ 2 min restantes"
    )
    assert progress_words(Progress(1, 1, 0, 0, 100, None)) == "1 sur 1 fichier · 100\u00a0%"
    out = io.StringIO()
    print_conflicts(
        [ConflictInfo("docs", "a.txt", "a (conflict pc 2026-01-02 030405).txt", 0)], out
    )
    assert out.getvalue().splitlines() == [
        "docs: a.txt",
        "  version du cloud :          a.txt",
        "  version de cet ordinateur : a (conflict pc 2026-01-02 030405).txt",
        "Choisissez avec : cozysync resolve CHEMIN --keep local|remote|both",
    ]


def test_the_watch_loops_line_after_a_pass_in_french(monkeypatch: pytest.MonkeyPatch):
    from cozysync.cli.words import event_detail, state_words
    from cozysync.events import StatusChanged, StatusKind

    offline = StatusChanged(StatusKind.OFFLINE, "offline, 1 changes waiting", pending_changes=1)
    waiting = StatusChanged(StatusKind.NEEDS_ATTENTION, "1 conflicts waiting", conflicts=1)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert event_detail(offline) == "offline, 1 changes waiting"  # English: the engine's
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert (state_words(offline.kind), event_detail(offline)) == (
        "hors ligne",
        "1 modification en attente",
    )
    assert event_detail(waiting) == "1 conflit en attente (cozysync conflicts)"


def _fields(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_errors_phrase_has_french_words_with_the_same_fields():
    in_code = [t for c, t in build_translations.strings_in_code() if c == "Errors"]
    assert len(in_code) > 30
    french = shipped()["fr"]["Errors"]
    assert [t for t in in_code if not french.get(t)] == []
    assert [t for t in in_code if _fields(str(french[t])) != _fields(t)] == []


# errors whose words are all written as a phrase (cozysync.phrases), translated where shown:
# ConfigError and its subclasses, and the other errors a pupil meets with words of their own
PHRASED_ERRORS = {
    "ConfigError", "SharingError", "OpenError", "NoVersionsError", "PlaceTakenError",
    "NotDeletedError", "NoSuchFolderError", "NoServerTrashError", "NoBrowserLoginError",
    "ProxyConfigError", "ProxyLoginError", "JournalBusyError", "UnknownVersionError",
    "TrashOfflineError", "FatalError", "CozySyncError",
}  # fmt: skip


def _untranslatable(words: ast.expr) -> bool:
    """English written in place: a literal (but ""), an f-string, a sum of them."""
    if isinstance(words, ast.Constant):
        return isinstance(words.value, str) and words.value != ""
    if isinstance(words, ast.IfExp):
        return _untranslatable(words.body) or _untranslatable(words.orelse)
    return isinstance(words, ast.JoinedStr | ast.BinOp)


def test_no_config_error_is_raised_with_words_left_untranslatable():
    """An AST check over cozysync/: the title and hint given to a ``PHRASED_ERRORS``
    class are ``phrase("...", ...)`` calls (or a name holding one, or words the CLI
    translated already), never English written in place."""
    import cozysync

    found = []
    for path in sorted(Path(cozysync.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in PHRASED_ERRORS:
                continue
            words = [
                *node.args[:3],
                *(k.value for k in node.keywords if k.arg in ("title", "hint")),
            ]
            found += [f"{path}:{w.lineno}" for w in words if _untranslatable(w)]
    assert found == []
