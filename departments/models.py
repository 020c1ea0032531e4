"""Organisational units of SPEC §2 and the staff accounts that belong to them."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def person_name(family_name: str, given_name: str) -> str:
    """陈 + 晓燕 → 陈晓燕; Chen + Xiaoyan → Chen Xiaoyan; either part may be missing."""
    parts = [part.strip() for part in (family_name or "", given_name or "") if part and part.strip()]
    latin = all(part.isascii() for part in parts)
    return (" " if latin else "").join(parts)


class UnitCode(models.TextChoices):
    CCB = "ccb", _("City Construction Bureau")
    ORG_PERSONNEL = "org_personnel", _("Organisation & Personnel Bureau")
    ECON_SERVICES = "econ_services", _("Economic Services Bureau")
    SOCIAL_CONSTRUCTION = "social_construction", _("Social Construction Bureau")
    PUBLIC_AFFAIRS = "public_affairs", _("Public Affairs Bureau")
    FINANCE = "finance", _("Development & Finance Bureau")
    DISCIPLINE = "discipline", _("Discipline Inspection & Supervision Bureau")
    JOINT_MEETING = "joint_meeting", _("Joint Meeting")
    VERIFY_PLANNING_LAND = "verify_planning_land", _("Planning & Land (verifier)")
    VERIFY_FAMILY_PLANNING = "verify_family_planning", _("Population & Family Planning (verifier)")
    VERIFY_SOCIAL_SECURITY = "verify_social_security", _("Human Resources & Social Security (verifier)")
    VERIFY_PUBLIC_SECURITY = "verify_public_security", _("Public Security (verifier)")
    VERIFY_CIVIL_AFFAIRS = "verify_civil_affairs", _("Civil Affairs (verifier)")
    VERIFY_SUBDISTRICT = "verify_subdistrict", _("Sub-district offices (verifier)")


# How a unit signs what it issues to residents (written notices, selection notices, confirmations, receipts):
# its name as the measures give it (UnitCode's label; Unit.name_zh / name_en hold the same words), placed in the
# district: 深圳市龙华新区城市建设局 / City Construction Bureau, Longhua New District, Shenzhen.
ISSUED_BY = _("%(unit)s, Longhua New District, Shenzhen")


def official_name(code: str) -> str:
    """The unit's full official name in the active language, as it signs a document issued to a resident."""
    return str(ISSUED_BY) % {"unit": UnitCode(code).label}


class Role(models.TextChoices):
    CLERK = "clerk", _("Clerk")
    REVIEWER = "reviewer", _("Reviewer")
    HEAD = "head", _("Head of unit")
    SYSADMIN = "sysadmin", _("System administrator")
    # R-9–11, R-16.8: an employer's own sign-in, bound to its employer (housing.EmployerAccount); never a unit's
    EMPLOYER = "employer", _("Employer")


class Unit(models.Model):
    """A unit of SPEC §2. Rows are created by a data migration, never by hand."""

    code = models.CharField(_("code"), max_length=40, unique=True, choices=UnitCode.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=120)
    article = models.CharField(_("article"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.get_code_display()


class StaffUser(AbstractUser):
    """A staff account: one unit, one or more roles in it (SPEC §2)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")

    def clean(self):
        super().clean()
        unknown = set(self.roles or []) - set(Role.values)
        if unknown:
            raise ValidationError({"roles": _("Unknown roles: %(roles)s") % {"roles": ", ".join(sorted(unknown))}})
        if Role.EMPLOYER in (self.roles or []):
            if len(self.roles) > 1 or self.unit_id is not None:
                raise ValidationError({"roles": _("An employer's account holds no other role and belongs to no unit.")})
            return
        case_roles = set(self.roles or []) - {Role.SYSADMIN}
        if case_roles and self.unit_id is None:
            raise ValidationError({"unit": _("A clerk, reviewer or head must belong to a unit.")})

    @property
    def unit_code(self) -> str | None:
        return self.unit.code if self.unit_id else None

    def has_role(self, *roles: str) -> bool:
        return bool(set(self.roles or []) & set(roles))

    def get_full_name(self) -> str:
        """The name as the person is called: family name first, without a space between Chinese names (陈晓燕);
        with one between names in Latin letters (Chen Xiaoyan). Every page, print, message and export shows
        this, never the two fields in Western order."""
        return person_name(self.last_name, self.first_name)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class SignInRecord(models.Model):
    """R-6, R-38: every sign-in, failed or refused sign-in, second-factor code and sign-out, for discipline
    inspection (docs/decisions/0042). Written once, never changed."""

    class Outcome(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        FAILED = "failed", _("Wrong user name or password")
        THROTTLED = "throttled", _("Refused: too many failures")
        REFUSED = "refused", _("Refused: account not allowed here")
        CODE_ACCEPTED = "code_ok", _("Second-factor code accepted")
        CODE_REFUSED = "code_bad", _("Second-factor code refused")
        SIGNED_OUT = "signed_out", _("Signed out")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    # The user name as typed (a failed sign-in may name no account); the account when one is known.
    username = models.CharField(_("user name"), max_length=150, db_index=True)
    account = models.ForeignKey(StaffUser, verbose_name=_("account"), on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+")
    address = models.CharField(_("address"), max_length=45, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("sign-in record")
        verbose_name_plural = _("sign-in records")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Sign-in records are never changed (R-38).")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Sign-in records are never deleted (R-38).")


# before/after values of every change to units and staff accounts (docs/decisions/0042). The password
# hash and the last sign-in time are left out: the first is a secret, the second is in SignInRecord.
from simple_history import register as _track_history  # noqa: E402

_track_history(Unit, app="departments")
_track_history(StaffUser, app="departments", excluded_fields=["password", "last_login"])
