"""Handing an outbox message to whatever delivers email: the mail server through Django's email
backend (SMTP, or the console in development), or GOV.UK Notify.

A backend either returns the provider's reference for the accepted message or raises
DeliveryError. The error says only the kind of failure and the mail server's code (for example
"SMTPRecipientsRefused 550"): servers' messages often quote the address, and the outbox keeps the
error where staff can read it.
"""

import contextlib
import smtplib
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME

from .models import OutboxMessage


class DeliveryError(Exception):
    """Sending failed. ``summary`` names the kind of error and code, never the address or text;
    ``permanent`` is True when trying again cannot help (the mailbox does not exist)."""

    def __init__(self, summary: str, *, permanent: bool = False) -> None:
        super().__init__(summary)
        self.summary = summary[:200]
        self.permanent = permanent


def error_summary(error: BaseException) -> str:
    """"ConnectionRefusedError", "SMTPDataError 451": the class and code only, for last_error."""
    name = type(error).__name__
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(value[0]) for value in error.recipients.values()})
        return f"{name} {'/'.join(codes)}".strip()
    return f"{name} {code}" if code else name


class Delivery(Protocol):
    """Something that delivers outbox messages; used as a context manager around a batch."""

    def __enter__(self) -> "Delivery": ...

    def __exit__(self, *exc_info: Any) -> None: ...

    def send(self, message: OutboxMessage) -> str:
        """Deliver one message; return the provider's reference or raise DeliveryError."""
        ...


class DjangoEmailDelivery:
    """Sends through Django's email backend (settings.EMAIL_BACKEND): SMTP in production.

    One connection serves a batch; after an error it is closed so the next message reconnects
    rather than failing on a dead connection.
    """

    def __init__(self, *, backend: str | None = None) -> None:
        self.connection = get_connection(backend, fail_silently=False)

    def __enter__(self) -> "DjangoEmailDelivery":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._close()

    def _close(self) -> None:
        # Closing a broken connection may fail too; there is nothing in it to keep.
        with contextlib.suppress(Exception):
            self.connection.close()

    def send(self, message: OutboxMessage) -> str:
        message_id = make_msgid(domain=DNS_NAME)
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to_address],
            connection=self.connection,
            # Auto-Submitted stops out-of-office replies from bouncing back and forth (RFC 3834).
            headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated"},
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        try:
            self.connection.open()  # once per batch: open() does nothing while connected
            accepted = email.send()
        except smtplib.SMTPRecipientsRefused as error:
            self._close()
            codes = [value[0] for value in error.recipients.values()]
            raise DeliveryError(error_summary(error), permanent=all(code >= 500 for code in codes)) from None
        except (smtplib.SMTPException, OSError) as error:
            self._close()
            raise DeliveryError(error_summary(error)) from None
        if not accepted:
            raise DeliveryError("NotAccepted")
        return message_id


class NotifyDelivery:
    """Sends through GOV.UK Notify, using one generic email template whose subject and body are
    the personalisation fields ((subject)) and ((body)), so the wording stays in Fair Hearing."""

    def __init__(self, *, api_key: str, template_id: str, base_url: str, timeout: int = 30) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.template_id = template_id
        self.client = NotificationsAPIClient(api_key, base_url=base_url, timeout=timeout)

    def __enter__(self) -> "NotifyDelivery":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.client.request_session.close()

    def send(self, message: OutboxMessage) -> str:
        from notifications_python_client.errors import APIError

        try:
            response = self.client.send_email_notification(
                email_address=message.to_address,
                template_id=self.template_id,
                personalisation={"subject": message.subject, "body": message.body_text},
                reference=f"outbox-{message.pk}",  # no personal data: Notify shows it in its logs
            )
        except APIError as error:
            status = error.status_code if error.response is not None else None
            summary = f"{type(error).__name__} {status}" if status else f"{type(error).__name__} (no response)"
            # 400: Notify refused this message (for example a bad address); 403, 429 and 5xx are
            # about the key, the rate or the service, and may come right.
            raise DeliveryError(summary, permanent=status == 400) from None
        except Exception as error:  # noqa: BLE001 - anything else from the client: retry later
            raise DeliveryError(type(error).__name__) from None
        return str((response or {}).get("id", ""))


def delivery_for_settings() -> Delivery:
    """The delivery backend settings.EMAIL_DELIVERY names."""
    if settings.EMAIL_DELIVERY == "notify":
        return NotifyDelivery(
            api_key=settings.NOTIFY_API_KEY, template_id=settings.NOTIFY_TEMPLATE_ID,
            base_url=settings.NOTIFY_BASE_URL, timeout=settings.EMAIL_TIMEOUT,
        )
    return DjangoEmailDelivery()
