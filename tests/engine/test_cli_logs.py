"""The CLI's log file redacts secrets; the watch loop's back-off grows, jitters and caps."""

from __future__ import annotations

import logging
import random
from pathlib import Path

from cozysync.api import BACKOFF_CAP_S, backoff_delay
from cozysync.cli.main import main
from cozysync.logs import close_logging, redact_value, setup_logging


def test_the_log_file_redacts_passwords_and_authorization_headers(tmp_path: Path):
    log_file = tmp_path / "logs" / "cozysync.log"
    handler = setup_logging(log_file)
    try:
        redact_value("mot de passe secret")
        log = logging.getLogger("cozysync.test")
        log.warning("headers: %s", {"Authorization": "Basic YWxpY2U6cGFzcw=="})
        log.warning("url https://bob:hunter22@example.org/dav/ and password=hunter33")
        log.warning("the user typed mot de passe secret")
        try:
            raise ValueError("token: abcdef123456")
        except ValueError:
            log.exception("failed")
    finally:
        close_logging(handler)
    text = log_file.read_text()
    for secret in ("YWxpY2U6cGFzcw==", "hunter22", "hunter33", "mot de passe secret", "abcdef123"):
        assert secret not in text
    assert text.count("***") >= 5
    assert log_file.stat().st_mode & 0o077 == 0


def test_backoff_doubles_with_jitter_and_caps_at_five_minutes():
    rng = random.Random(7)
    delays = [backoff_delay(n, rng) for n in range(1, 12)]
    assert 2.5 <= delays[0] <= 5.0
    assert 5.0 <= delays[1] <= 10.0
    assert all(d <= BACKOFF_CAP_S for d in delays)
    assert delays[-1] >= BACKOFF_CAP_S / 2
    assert len({round(d, 6) for d in delays[-3:]}) == 3  # jittered, not identical


def test_main_in_process_reports_config_errors_in_one_line(tmp_path: Path, monkeypatch, capsys):
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "folders.json").write_text("{ not json")
    monkeypatch.setenv("COZYSYNC_HOME", str(home))
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "folders.json is damaged" in err
    assert "Traceback" not in err
