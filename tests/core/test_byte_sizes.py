"""Sizes in words (``cozysync.byte_sizes``): one module for the CLI's output and the
engine's messages, in the user's language, importable without the engine."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cozysync.byte_sizes import size_words
from cozysync.cli import output
from cozysync.remotes.cozy_auth import size_text


@pytest.fixture
def lang(monkeypatch: pytest.MonkeyPatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)

    def use(value: str) -> None:
        monkeypatch.setenv("LANG", value)

    use("en_GB.UTF-8")
    return use


SIZES = [0, 1, 1023, 1024, 1536, 10 * 1024 * 1024, 5 << 30, 3 << 40]


def test_english_counts_in_steps_of_1024_up_to_gb(lang) -> None:
    assert [size_words(n) for n in SIZES] == [
        "0 bytes", "1 bytes", "1023 bytes", "1.0 KB", "1.5 KB", "10.0 MB", "5.0 GB", "3072.0 GB",
    ]  # fmt: skip


def test_french_says_octets_ko_mo_go_with_a_decimal_comma(lang) -> None:
    lang("fr_FR.UTF-8")
    assert [size_words(n) for n in SIZES] == [
        "0 octets", "1 octets", "1023 octets", "1,0 ko", "1,5 ko", "10,0 Mo", "5,0 Go", "3072,0 Go",
    ]  # fmt: skip
    assert size_words(1536, english=True) == "1.5 KB"  # an English detail stays English


def test_the_cli_and_the_cozy_messages_use_it(lang) -> None:
    lang("fr_FR.UTF-8")
    assert output.size_words is size_words
    # a Cozy counts its quota in steps of 1000; its messages' details are English
    assert size_text(10_000_000) == "10.0 MB"
    assert size_text(5 << 30) == "5.4 GB"
    assert size_text(500) == "500 bytes"


def test_importable_without_the_engine() -> None:
    """Only ``cozysync.i18n`` comes with it: no journal, remote, sync stage or CLI."""
    code = (
        "import sys, cozysync.byte_sizes; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('cozysync'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["cozysync", "cozysync.byte_sizes", "cozysync.i18n"]
