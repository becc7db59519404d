"""Pure path rules: the other Unicode spellings of a name."""

from __future__ import annotations

import unicodedata

from cozysync.paths import other_spellings, path_key

NFC, NFD = (unicodedata.normalize(form, "été.txt") for form in ("NFC", "NFD"))


def test_an_ascii_name_has_no_other_spelling() -> None:
    assert other_spellings("cours/devoir.txt") == []


def test_a_name_in_one_form_has_the_other() -> None:
    assert other_spellings(f"cours/{NFC}") == [f"cours/{NFD}"]
    assert other_spellings(f"cours/{NFD}") == [f"cours/{NFC}"]


def test_only_the_last_name_is_respelled() -> None:
    folder = unicodedata.normalize("NFD", "élève")
    assert other_spellings(f"{folder}/{NFC}") == [f"{folder}/{NFD}"]
    assert other_spellings(f"{NFC}/x.txt") == []


def test_a_name_without_decomposition_has_no_other_spelling() -> None:
    assert other_spellings("日本語.txt") == [] and other_spellings("Ørsted") == []


def test_a_mixed_name_has_both_forms_and_one_key() -> None:
    mixed = unicodedata.normalize("NFC", "é") + unicodedata.normalize("NFD", "é")
    others = other_spellings(mixed)
    assert len(others) == 2 and mixed not in others
    assert {path_key(o) for o in others} == {path_key(mixed)}
