"""Public notices, objections and announcements (SPEC §8)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from housing.groups import Group


class PublicNotice(models.Model):
    """R-16.4: the proposed list of one round and group, published for objections."""

    round = models.ForeignKey("housing.AllocationRound", on_delete=models.PROTECT, related_name="public_notices")
    group = models.CharField(_("applicant group"), max_length=30, choices=Group.choices)
    starts_on = models.DateField(_("notice starts"))
    ends_on = models.DateField(_("notice ends"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entries = models.ManyToManyField("housing.Application", related_name="public_notices", blank=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")

    def __str__(self) -> str:
        return f"{self.round} {self.get_group_display()}"


class Objection(models.Model):
    """R-16.6: an objection to a named entry; it freezes the entry until the responsible unit decides."""

    class Status(models.TextChoices):
        OPEN = "open", _("Under investigation")
        UPHELD = "upheld", _("Upheld")
        NOT_UPHELD = "not_upheld", _("Not upheld")

    receipt_number = models.CharField(_("receipt number"), max_length=24, unique=True)
    notice = models.ForeignKey(PublicNotice, on_delete=models.PROTECT, related_name="objections")
    application = models.ForeignKey("housing.Application", on_delete=models.PROTECT, related_name="objections")
    objector_name = models.CharField(_("objector's real name"), max_length=100)
    objector_contact = models.CharField(_("objector's contact"), max_length=100)
    reasons = models.TextField(_("reasons"))
    # optional evidence, type- and size-checked when filed online.
    evidence = models.FileField(_("evidence"), upload_to="objections/%Y/%m/", blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    filed_online = models.BooleanField(_("filed online by the objector"), default=False)
    # an objection filed online proved its contact with a one-time code (docs/decisions/0035).
    contact_verified = models.BooleanField(_("contact confirmed with a code"), default=False)
    filed_at = models.DateTimeField(_("filed at"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    investigation_notes = models.TextField(_("investigation notes"), blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    answer = models.TextField(_("answer to the objector"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return self.receipt_number


class Inquiry(models.Model):
    """R-16.5: a question about a public notice; the responsible unit answers and the answer is kept."""

    receipt_number = models.CharField(_("receipt number"), max_length=24, unique=True)
    notice = models.ForeignKey(PublicNotice, on_delete=models.PROTECT, related_name="inquiries")
    application = models.ForeignKey("housing.Application", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="inquiries")
    asker_name = models.CharField(_("name"), max_length=100)
    asker_contact = models.CharField(_("contact"), max_length=100)
    question = models.TextField(_("question"))
    filed_at = models.DateTimeField(_("filed at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")

    def __str__(self) -> str:
        return self.receipt_number


class RegisterEntry(models.Model):
    """R-35, R-36, R-37: the bad-behaviour register of persons and employers, published."""

    class Subject(models.TextChoices):
        PERSON = "person", _("Person")
        EMPLOYER = "employer", _("Employer")

    class Ground(models.TextChoices):
        INELIGIBLE_DECEIT = "R-36.1", _("Not eligible, and lied or bribed (Art. 36)")
        ELIGIBLE_DECEIT = "R-36.2", _("Eligible, but lied or bribed (Art. 36)")
        EMPLOYER_MISCONDUCT = "R-37", _("Employer misconduct (Art. 37)")

    subject = models.CharField(_("subject"), max_length=10, choices=Subject.choices)
    name = models.CharField(_("name"), max_length=200)
    id_number = models.CharField(_("resident ID number"), max_length=18, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    ground = models.CharField(_("ground"), max_length=8, choices=Ground.choices)
    facts = models.TextField(_("facts, as published"))
    fine = models.DecimalField(_("fine (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    barred_from = models.DateField(_("barred from"))
    barred_until = models.DateField(_("barred until"))
    application = models.ForeignKey("housing.Application", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="register_entries")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("entered at"))
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["-barred_from", "-id"]
        verbose_name = _("register entry")
        verbose_name_plural = _("bad-behaviour register")
        indexes = [models.Index(fields=["id_number"], name="register_person"),
                   models.Index(fields=["credit_code"], name="register_employer")]

    def __str__(self) -> str:
        return f"{self.name} ({self.ground})"
