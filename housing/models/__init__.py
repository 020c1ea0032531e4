from housing.models.round import AllocationRound, SupplyNotice
from housing.models.employer import Employer
from housing.models.application import Application, ApplicationNumberSequence, StageCount
from housing.models.household import HouseholdMember, Relation
from housing.models.document import Document
from housing.models.history import ApplicationHistory
from housing.models.review import ConditionDecision, FormalReview, RecheckResult
from housing.models.outcome import Contract, Selection, Subsidy
from housing.models.notice import ApplicantNotice
from housing.models.policy import LowIncomeLine, PolicyVersion
from housing.models.ranking import Ranking, RankingEntry
from housing.models.plan import DemandDeadlineMiss, DemandReport, EmployerQuota, PlanQuota, SupplyPlan
from housing.models.stock import Building, HousingProject, HousingUnit, UnitType
from housing.models.selection_day import GiveUp, SelectionNotice, SelectionSession
from housing.models.tenancy import OccupancyCheck, Reminder, RentPayment, Tenancy, Termination, Violation
from housing.models.subsidy_payment import SubsidyBatch, SubsidyChange, SubsidyPayment
from housing.models.ownership import BuyBack, OwnershipTransfer
from housing.models.office_log import OfficeAction
# Each module below lists its models in its own __all__ (one owner a module).
from housing.models.messages import *  # noqa: E402,F401,F403
from housing.models.written_notice import *  # noqa: E402,F401,F403
from housing.models.roster import *  # noqa: E402,F401,F403
from housing.models.verification import *  # noqa: E402,F401,F403
from housing.models.exports import *  # noqa: E402,F401,F403
from housing.models.persons import *  # noqa: E402,F401,F403
from housing.models.joint_meeting import *  # noqa: E402,F401,F403
from housing.models.key_enterprises import *  # noqa: E402,F401,F403
from housing.models.audit import *  # noqa: E402,F401,F403
from housing.models.retention import *  # noqa: E402,F401,F403
from housing.models.statistics_counters import *  # noqa: E402,F401,F403
from housing.models import messages as _messages, written_notice as _written_notice, roster as _roster, verification as _verification, exports as _exports  # noqa: E402
from housing.models import persons as _persons, joint_meeting as _joint_meeting, key_enterprises as _key_enterprises  # noqa: E402
from housing.models import audit as _audit, retention as _retention  # noqa: E402
from housing.models import statistics_counters as _statistics_counters  # noqa: E402

__all__ = [
    "AllocationRound",
    "ApplicantNotice",
    "Application",
    "ApplicationHistory",
    "ApplicationNumberSequence",
    "Building",
    "BuyBack",
    "ConditionDecision",
    "Contract",
    "DemandDeadlineMiss",
    "DemandReport",
    "Document",
    "Employer",
    "EmployerQuota",
    "FormalReview",
    "GiveUp",
    "HouseholdMember",
    "HousingProject",
    "HousingUnit",
    "LowIncomeLine",
    "OccupancyCheck",
    "OfficeAction",
    "OwnershipTransfer",
    "PlanQuota",
    "PolicyVersion",
    "Ranking",
    "RankingEntry",
    "RecheckResult",
    "Relation",
    "Reminder",
    "RentPayment",
    "Selection",
    "SelectionNotice",
    "SelectionSession",
    "StageCount",
    "Subsidy",
    "SubsidyBatch",
    "SubsidyChange",
    "SubsidyPayment",
    "SupplyNotice",
    "SupplyPlan",
    "Tenancy",
    "Termination",
    "UnitType",
    "Violation",
] + _messages.__all__ + _written_notice.__all__ + _roster.__all__ + _verification.__all__ + _exports.__all__ + _persons.__all__ + _joint_meeting.__all__ + _key_enterprises.__all__ + _audit.__all__ + _retention.__all__ + _statistics_counters.__all__
