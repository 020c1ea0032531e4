from tests.factories.applications import ApplicationFactory, EmployerDataFactory, IntakeDataFactory, MemberFactory
from tests.factories.identity import make_credit_code, make_id_number, with_wrong_check_digit
from tests.factories.rounds import AllocationRoundFactory
from tests.factories.staff import PASSWORD, StaffUserFactory, actor_for, get_unit, staff
from tests.factories.workflow import advance, reload, take

__all__ = [
    "PASSWORD",
    "AllocationRoundFactory",
    "ApplicationFactory",
    "EmployerDataFactory",
    "IntakeDataFactory",
    "MemberFactory",
    "StaffUserFactory",
    "actor_for",
    "advance",
    "get_unit",
    "make_credit_code",
    "make_id_number",
    "reload",
    "staff",
    "take",
    "with_wrong_check_digit",
]
