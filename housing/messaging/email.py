"""E-mail through Django's own backend (``EMAIL_BACKEND``: a file or the console by default, SMTP in production)."""

import smtplib
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage

from housing.messaging.errors import PermanentFailure, TransientFailure


def send_email(*, to: str, subject: str, text: str, key: str) -> str:
    """Hand one e-mail to the backend; returns its Message-ID. A 5xx answer of the server refuses it for good."""
    message_id = make_msgid(idstring=key.replace("-", ""), domain=getattr(settings, "EMAIL_MESSAGE_ID_DOMAIN", None)
                            or "longhua.invalid")
    email = EmailMessage(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to],
                         headers={"Message-ID": message_id})
    try:
        email.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        raise PermanentFailure("the mail server refused the address") from exc
    except smtplib.SMTPResponseException as exc:
        failure = PermanentFailure if exc.smtp_code >= 500 else TransientFailure
        raise failure(f"the mail server answered {exc.smtp_code}") from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise TransientFailure(f"the mail server was not reached: {type(exc).__name__}") from exc
    return message_id
