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

__all__ = [
    "ApplicantNotice",
    "AllocationRound",
    "Application",
    "ApplicationHistory",
    "ApplicationNumberSequence",
    "ConditionDecision",
    "Contract",
    "Document",
    "Employer",
    "FormalReview",
    "HouseholdMember",
    "LowIncomeLine",
    "PolicyVersion",
    "Ranking",
    "RankingEntry",
    "RecheckResult",
    "Relation",
    "Selection",
    "StageCount",
    "Subsidy",
    "SupplyNotice",
]
