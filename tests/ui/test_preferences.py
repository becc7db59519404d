"""Preferences: built from declared pages, return the values; start at login writes the
XDG autostart entry; "unlink this computer" with or without removing the files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox

from cozysync.desktop import data_file, gui_command
from cozysync.logs import close_logging, setup_logging
from cozysync_ui.autostart import autostart_path, is_autostart_enabled
from cozysync_ui.dialogs.preferences import CHECK_INTERVALS_MIN, PAGES, PreferencesDialog
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.metered import MeteredNetwork
from cozysync_ui.settings import UiSettings

TIMEOUT_MS = 30_000


def test_pages_are_declared_and_values_come_back(qtbot):
    values = {
        "start_at_login": False, "language": "auto", "check_interval_min": 5,
        "pause_on_metered": False, "upload_limit_kib": 0, "download_limit_kib": 250,
    }  # fmt: skip
    dialog = PreferencesDialog(values, ["docs"])
    qtbot.addWidget(dialog)
    declared = {s.key for page in PAGES for s in page.settings}
    assert set(dialog.editors) == declared
    assert dialog.values() == values
    start = dialog.editors["start_at_login"]
    assert isinstance(start, QCheckBox)
    start.setChecked(True)
    language = dialog.editors["language"]
    assert isinstance(language, QComboBox)
    language.setCurrentIndex(language.findData("fr"))
    interval = dialog.editors["check_interval_min"]
    assert isinstance(interval, QComboBox)
    assert [interval.itemData(i) for i in range(interval.count())] == list(CHECK_INTERVALS_MIN)
    upload = dialog.editors["upload_limit_kib"]
    assert isinstance(upload, QSpinBox) and upload.text() == "No limit"
    upload.setValue(500)
    assert dialog.editors["download_limit_kib"].text() == "250 KB/s"
    assert dialog.values() == {
        **values, "start_at_login": True, "language": "fr", "upload_limit_kib": 500
    }  # fmt: skip


def open_preferences(qtbot, make_app):
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    app.window.preferences.click()
    return app, app.preferences


def test_start_at_login_and_the_check_interval_are_saved(qtbot, make_app, service, local_dir):
    app, dialog = open_preferences(qtbot, make_app)
    dialog.editors["start_at_login"].setChecked(True)
    interval = dialog.editors["check_interval_min"]
    interval.setCurrentIndex(interval.findData(15))
    dialog.editors["upload_limit_kib"].setValue(500)
    with qtbot.waitSignal(app.controller.bandwidth_changed, timeout=TIMEOUT_MS):
        dialog.accept()
    assert service.app_settings().upload_limit_kib == 500  # the engine's, saved
    assert service.app_settings().download_limit_kib is None
    assert is_autostart_enabled()
    entry = autostart_path().read_text(encoding="utf-8")  # the shipped entry, Exec filled in
    shipped = data_file("cozysync-autostart.desktop").read_text(encoding="utf-8")
    assert f"Exec={gui_command()}" in entry.splitlines()
    assert [ln for ln in entry.splitlines() if not ln.startswith("Exec=")] == [
        ln for ln in shipped.splitlines() if not ln.startswith("Exec=")
    ]
    qtbot.waitUntil(lambda: service.folder("docs").poll_interval_s == 15 * 60)
    assert app._check_interval_min() == 15
    app.window.preferences.click()
    assert app.preferences.editors["upload_limit_kib"].value() == 500
    assert app.preferences.editors["check_interval_min"].currentData() == 15  # the engine's
    app.preferences.editors["start_at_login"].setChecked(False)
    app.preferences.editors["upload_limit_kib"].setValue(0)
    with qtbot.waitSignal(app.controller.bandwidth_changed, timeout=TIMEOUT_MS):
        app.preferences.accept()
    assert not autostart_path().exists()
    assert service.app_settings().upload_limit_kib is None


def test_unlink_keeps_the_files_by_default(
    qtbot, make_app, service, local_dir: Path, wsgidav_server
):
    app, dialog = open_preferences(qtbot, make_app)
    dialog.unlink_button.click()
    with qtbot.waitSignal(app.controller.unlinked, timeout=TIMEOUT_MS):
        dialog.confirm_yes.click()
    assert service.list_folders() == []
    assert (local_dir / "élève.txt").exists()
    assert (wsgidav_server.root / "élève.txt").exists()
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.NOT_LINKED, timeout=TIMEOUT_MS)


def test_unlink_can_remove_the_files_from_this_computer(
    qtbot, make_app, service, local_dir: Path, wsgidav_server
):
    app, dialog = open_preferences(qtbot, make_app)
    dialog.wipe_local.setChecked(True)
    dialog.unlink_button.click()
    assert "removed from this computer" in dialog.confirm_box.informativeText()
    with qtbot.waitSignal(app.controller.unlinked, timeout=TIMEOUT_MS) as unlinked:
        dialog.confirm_yes.click()
    assert unlinked.args[0].wiped_local
    assert not local_dir.exists()
    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"
    assert service.list_folders() == []


def test_pause_on_metered_says_when_this_computer_cannot_tell(qtbot, make_app, local_dir):
    app = make_app(metered=MeteredNetwork(load=lambda: None))
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    app.window.preferences.click()
    dialog = app.preferences
    assert not dialog.editors["pause_on_metered"].isEnabled()
    assert (
        "does not tell whether a connection is metered" in dialog.notes["pause_on_metered"].text()
    )


def test_a_metered_connection_pauses_syncing_until_it_is_not(
    qtbot, make_app, local_dir: Path, wsgidav_server
):
    metered = MeteredNetwork()
    app = make_app(metered=metered)
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    if metered.is_available:  # where Qt has a backend, the setting can be ticked
        app.window.preferences.click()
        assert app.preferences.editors["pause_on_metered"].isEnabled()
        app.preferences.editors["pause_on_metered"].setChecked(True)
        app.preferences.accept()
    else:
        app.controller.set_pause_on_metered(True)
    assert app.settings.get("pause_on_metered", False) is metered.is_available
    metered.changed.emit(True)  # what Qt's backend says when the hotspot is joined
    assert app.controller.state.overall() is State.PAUSED
    assert "metered" in app.window.detail.text()
    (local_dir / "sur le partage.txt").write_text("attend\n", encoding="utf-8")
    qtbot.wait(1500)
    assert not (wsgidav_server.root / "sur le partage.txt").exists()
    metered.changed.emit(False)
    qtbot.waitUntil(
        lambda: (wsgidav_server.root / "sur le partage.txt").exists(), timeout=TIMEOUT_MS
    )


def test_folders_to_keep_can_be_changed_later(
    qtbot, make_app, service, local_dir: Path, wsgidav_server, tmp_path: Path
):
    app, dialog = open_preferences(qtbot, make_app)
    dialog.choose_folders.click()
    qtbot.waitUntil(lambda: app.folder_choice is not None, timeout=TIMEOUT_MS)
    choice = app.folder_choice
    assert [item.text() for item in choice.choice.items()] == ["Cours"]
    assert choice.excluded() == []
    choice.choice.set_kept("Cours", False)
    with qtbot.waitSignal(app.controller.folders_chosen, timeout=TIMEOUT_MS):
        choice.accept()
    assert service.folder("docs").excluded_folders == ("Cours",)
    # fully synced, so its copy here goes to the trash; the cloud keeps it
    qtbot.waitUntil(lambda: not (local_dir / "Cours").exists(), timeout=TIMEOUT_MS)
    assert (wsgidav_server.root / "Cours" / "exercices.txt").read_text(encoding="utf-8") == (
        "x² = 2\n"
    )
    assert (tmp_path / "xdg-data" / "Trash" / "files" / "Cours" / "exercices.txt").exists()


def log_texts(log_dir: Path) -> dict[str, str]:
    if not log_dir.exists():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in log_dir.rglob("*") if p.is_file()}


def link_in(service, server, local: Path, name: str, files: dict[str, str]) -> Path:
    """``local`` with ``files``, linked to the server folder ``name``."""
    server.write(f"{name}/.keep", b"")
    (server.root / name / ".keep").unlink()
    local.mkdir()
    for rel, text in files.items():
        (local / rel).write_text(text, encoding="utf-8")
    service.link(
        local, f"{server.url}{name}/", user=server.user, password=server.password,
        name=name, allow_file_store=True,
    )  # fmt: skip
    return local


def test_unlink_with_removal_removes_that_folders_logs_only(
    qtbot, make_app, service, wsgidav_server, tmp_path: Path
):
    log_dir = service.locations.log_dir
    handler = setup_logging(service.locations.log_file)  # as `cozysync gui` does
    try:
        docs = link_in(service, wsgidav_server, tmp_path / "Documents", "docs",
                       {"élève.txt": "Bonjour\n", "exercices.txt": "x² = 2\n"})  # fmt: skip
        link_in(service, wsgidav_server, tmp_path / "Notes", "notes",
                {"liste-de-courses.txt": "pain\n"})  # fmt: skip
        app, dialog = open_preferences(qtbot, make_app)
        qtbot.waitUntil(lambda: (wsgidav_server.root / "notes/liste-de-courses.txt").exists())
        qtbot.waitUntil(lambda: any("élève.txt" in t for t in log_texts(log_dir).values()))
        assert "élève.txt" not in log_texts(log_dir)["cozysync.log"]
        dialog.folder_choice.setCurrentText("docs")
        dialog.wipe_local.setChecked(True)
        dialog.unlink_button.click()
        with qtbot.waitSignal(app.controller.unlinked, timeout=TIMEOUT_MS):
            dialog.confirm_yes.click()
        assert not docs.exists()
        assert (wsgidav_server.root / "docs/élève.txt").exists()
        texts = log_texts(log_dir)
        for word in ("élève.txt", "exercices.txt", str(docs)):
            assert not [name for name, text in texts.items() if word in text], word
        assert any("liste-de-courses.txt" in t for t in texts.values())  # notes' log stays
    finally:
        close_logging(handler)


def test_a_pause_for_a_metered_connection_is_not_kept_after_quitting(
    qtbot, make_app, service, local_dir: Path
):
    app = make_app(metered=MeteredNetwork())
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    app.controller.set_pause_on_metered(True)
    app.metered.changed.emit(True)
    assert app.controller.state.is_paused_for_metered
    name = service.list_folders()[0].name
    qtbot.waitUntil(lambda: service.paused_until(name) is not None, timeout=TIMEOUT_MS)
    app.quit()
    # the connection's pause is not the user's: the next start decides from the network
    assert service.paused_until(name) is None


class _AlwaysMetered(MeteredNetwork):
    def is_metered(self) -> bool:
        return True


def test_starting_on_a_metered_connection_pauses_when_asked(
    qtbot, make_app, service, local_dir: Path, wsgidav_server
):
    UiSettings(service.locations.config_dir).set("pause_on_metered", True)
    app = make_app(metered=_AlwaysMetered())
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.PAUSED, timeout=TIMEOUT_MS)
    assert app.controller.state.is_paused_for_metered
    (local_dir / "au démarrage.txt").write_text("attend\n", encoding="utf-8")
    qtbot.wait(1500)
    assert not (wsgidav_server.root / "au démarrage.txt").exists()
