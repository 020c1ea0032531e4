"""R-7.2, R-9.2, R-11.2: the talent unit opens an account for an employer of its group (申请人（用人单位）).

The account is a sign-in with the role "employer" and no unit (departments.models.Role), bound to one Employer by
its unified social credit code (housing.models.EmployerAccount); it reaches only its own roster pages
(housing.rosters.middleware)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from departments.models import Role
from housing.exceptions import InvalidInput
from housing.groups import EMPLOYER_KINDS, groups_of_unit
from housing.models import Employer, EmployerAccount
from housing.models.roster import ROSTER_DUTY
from housing.office.log import record_action, require_office_duty
from housing.rules.identity import clean_credit_code


def unit_group(actor) -> str:
    """The talent group of the actor's unit (each talent unit answers for one group, SPEC §3)."""
    groups = sorted(groups_of_unit(actor.unit.code if actor.unit_id else None) & set(EMPLOYER_KINDS))
    return groups[0]


@transaction.atomic
def create_employer_account(*, actor, credit_code: str, employer_name: str, kind: str, username: str,
                            password: str) -> EmployerAccount:
    require_office_duty(actor, ROSTER_DUTY)
    group = unit_group(actor)
    errors: dict[str, list[str]] = {}
    try:
        credit_code = clean_credit_code(credit_code)
    except ValidationError as exc:
        errors["credit_code"] = exc.messages
    employer = Employer.objects.filter(credit_code=credit_code).first() if not errors else None
    kind = employer.kind if employer is not None else kind
    if kind not in EMPLOYER_KINDS[group]:
        errors.setdefault("kind", []).append(_("This kind of employer belongs to another unit's group (Art. 39(1))."))
    if employer is None and not (employer_name or "").strip():
        errors.setdefault("employer_name", []).append(_("Enter the employer's name."))
    User = get_user_model()
    username = (username or "").strip()
    if not username or User.objects.filter(username__iexact=username).exists():
        errors.setdefault("username", []).append(_("This sign-in name is taken; choose another."))
    user = User(username=username, roles=[Role.EMPLOYER], is_active=True)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors.setdefault("password", []).extend(exc.messages)
    if errors:
        raise InvalidInput(_("The account was not created; correct the marked fields."), field_errors=errors)
    if employer is None:
        employer = Employer(name=employer_name.strip(), credit_code=credit_code, kind=kind)
        employer.full_clean()
        employer.save()
    user.first_name = employer.name[:150]
    user.set_password(password)
    user.full_clean()
    user.save()
    account = EmployerAccount.objects.create(user=user, employer=employer, group=group, created_by=actor)
    record_action(actor=actor, action="create_employer_account", obj=account, article="R-7.2, R-9.2, R-11.2",
                  summary=_("Account %(username)s opened for %(employer)s.") % {
                      "username": username, "employer": employer.name},
                  data={"employer": employer.credit_code, "username": username})
    return account
