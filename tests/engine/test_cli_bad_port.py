"""``cozysync link`` with an address whose port is not a number (issue 15, the crash):
urllib checks a port only when asked, and ``check_url`` asked it unguarded, so
``https://host:abc/`` ended in "unexpected error (ValueError)".  Through
``python -m cozysync``: a clear error naming the address, the exit code of every bad
address (1, as for ``ftp://``), nothing linked, nothing asked of the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_cli import make_cli


@pytest.mark.parametrize("url", ["https://host:abc/", "https://host:99999/dav/"])
@pytest.mark.parametrize("cozy", [False, True])
def test_a_port_that_is_not_a_number_is_refused_in_plain_words(
    tmp_path: Path, url: str, cozy: bool
) -> None:
    cli = make_cli(tmp_path)
    (tmp_path / "Cours").mkdir()

    refused = cli("link", str(tmp_path / "Cours"), url, *(["--cozy"] if cozy else []))

    assert refused.code == 1, refused.err
    assert f"{url!r} has a port that is not a number from 0 to 65535" in refused.err
    assert "unexpected error" not in refused.err and "ValueError" not in refused.err
    assert cli.folders() == []
    bad_address = cli("link", str(tmp_path / "Cours"), "ftp://host/")
    assert bad_address.code == refused.code  # the exit code of any address refused
