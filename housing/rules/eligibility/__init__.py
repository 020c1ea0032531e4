"""The eligibility engine (SPEC §6, issue #3): plain functions over the facts of a dossier.

Nothing here touches the database: the API, the substantive-review screen and the public
screener all hand in a `Dossier` and a `PolicySnapshot` and get an `Evaluation` back.
"""

from housing.rules.eligibility.engine import ConditionResult, Evaluation, evaluate
from housing.rules.eligibility.facts import Dossier, Employer, Income, Person, Talent, dossier_from_json

__all__ = [
    "ConditionResult",
    "Dossier",
    "Employer",
    "Evaluation",
    "Income",
    "Person",
    "Talent",
    "dossier_from_json",
    "evaluate",
]
