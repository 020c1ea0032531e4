"""R-16.d: messages that leave the portal, by SMS through the government SMS platform and by e-mail.

The one door is ``services`` (``send_message``, ``send_to_applicant``): it writes an ``OutgoingMessage`` row and
queues its delivery (``tasks.deliver_message``) on commit. ``delivery`` sends one row through the backend chosen in
settings (``SMS_BACKEND`` like Django's ``EMAIL_BACKEND``; ``backends/``), retries what may pass later and records
what did not. ``text`` keeps ID numbers out of every message; ``logs`` keeps phone numbers and ID numbers out of
every log line. docs/decisions/0031-notices-delivered.md, docs/sms-gateway.md.
"""
