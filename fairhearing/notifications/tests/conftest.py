"""Fixtures for the outbox tests: a real SMTP server on a local port that can be stopped and started,
and a local HTTP server standing in for GOV.UK Notify. Nothing leaves the machine."""

import email
import email.policy
import json
import logging
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    """Accepts mail, refusing recipients listed in ``refuse`` with the given SMTP reply."""

    def __init__(self, server: "LocalMailServer") -> None:
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, ANN201
        if address in self.server.refuse:
            return self.server.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.server.received.append(parsed)
        return "250 Message accepted for delivery"


class LocalMailServer:
    """An SMTP server on 127.0.0.1 (aiosmtpd) keeping the messages it accepts."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.received: list[email.message.EmailMessage] = []
        self.refuse: dict[str, str] = {}
        self.controller: Controller | None = None

    def start(self) -> None:
        # A stopped controller's event loop is closed, so each start needs a new one.
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def mail_server(settings):
    """A running local SMTP server, with Django's email settings pointing at it."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd narrates every command
    server = LocalMailServer()
    server.start()
    settings.EMAIL_DELIVERY = "smtp"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "complaints@council.example"
    yield server
    server.stop()


@dataclass
class FakeNotify:
    """A local HTTP server answering like GOV.UK Notify's send-email endpoint."""

    status: int = 201
    reply: dict[str, Any] = field(default_factory=lambda: {"id": "740e5834-3a29-46b4-9a6f-16142fde533a"})
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def fake_notify():
    notify = FakeNotify()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length", "0"))
            notify.requests.append({
                "path": self.path,
                "headers": dict(self.headers),
                "json": json.loads(self.rfile.read(length) or b"null"),
            })
            body = json.dumps(notify.reply if notify.status < 400 else {
                "status_code": notify.status, "errors": [{"error": "BadRequestError", "message": "Refused"}],
            }).encode()
            self.send_response(notify.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    notify.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield notify
    server.shutdown()
    server.server_close()
    thread.join()
