"""The wizard's first page on a school's or a station's network (issue 19, items 2, 3 and
5), with real servers on 127.0.0.1: an https WsgiDAV whose certificate comes from a CA
made in the test (not in the computer's store) and a Wi-Fi sign-in page standing where
a WebDAV server was.  Words in French: the certificate's issuer and SHA-256 fingerprint
are said for IT to compare; the Wi-Fi page asks to sign in first."""

from __future__ import annotations

from pathlib import Path

from tests.engine.test_captive_portal_e2e import portal_at
from tests.remotes.tls_world import TlsDavServer, issue, make_ca
from tests.servers import free_port
from tests.ui.test_wizard_check import problem_after_next, unlinked_wizard


def test_an_untrusted_school_certificate_is_said_with_its_issuer_and_fingerprint(
    qtbot, french, tmp_path: Path
):
    ca = make_ca(tmp_path / "pki")
    server_cert = issue(ca, tmp_path / "pki", "server")
    server = TlsDavServer(tmp_path / "served", server_cert)
    server.start()
    wizard = unlinked_wizard(qtbot)
    page = wizard.cloud_page
    page.webdav.setChecked(True)
    page.url.setText(server.url)
    page.user.setText(server.user)
    page.password.setText(server.password)
    try:
        said = problem_after_next(qtbot, wizard)
    finally:
        server.stop()
    assert said.startswith("La connexion sécurisée a échoué"), said
    assert f"Certificat émis par {ca.cert.subject.rfc4514_string()}" in said
    assert f"empreinte SHA-256 {server_cert.sha256}" in said
    assert server.requests.seen == []  # nothing was sent to it, not even the password


def test_a_wifi_sign_in_page_asks_to_sign_in_first(qtbot, french):
    port = free_port()
    wizard = unlinked_wizard(qtbot)
    page = wizard.cloud_page
    page.webdav.setChecked(True)
    page.url.setText(f"http://127.0.0.1:{port}/dav/")
    page.user.setText("alice")
    page.password.setText("s3cret pass")
    with portal_at(port, "html") as portal:
        said = problem_after_next(qtbot, wizard)
    assert said.startswith("Une page de connexion Wi-Fi a répondu à la place de votre cloud"), said
    assert portal.requests and not any(carried for _, _, carried in portal.requests)
