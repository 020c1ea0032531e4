"""Demo: one household, one guarantee (R-3.2). Old data holds a person twice: the applicant of a C3 application
appears as a member of a C4 household, as an import from before the register would leave it; the nightly search
finds it as a flagged set for a head of the CCB.

    from housing.demo import guarantees as demo_guarantees
    demo_guarantees.seed()   # after the demo round is built

Idempotent: nothing is planted when a flagged set exists already.
"""

from housing.groups import Group
from housing.guarantees.flagging import find_flagged_sets
from housing.guarantees.register import link_members
from housing.models import Application, FlaggedSet, HouseholdMember, Relation
from housing.stages import Stage


def seed() -> str:
    if FlaggedSet.objects.exists():
        return "One guarantee: a flagged set exists already.\n"
    open_ = Application.objects.filter(stage__in=[Stage.SUBMITTED, Stage.SUBSTANTIVE_REVIEW]).order_by("id")
    c3 = open_.filter(group=Group.NO_HOUSING).first()
    c4 = open_.filter(group=Group.INSTITUTION_TALENT).first()
    if c3 is None or c4 is None:
        return "One guarantee: no open C3 and C4 application to plant a duplicate in.\n"
    member = HouseholdMember.objects.create(application=c4, relation=Relation.PARENT, applying=False,
                                            name=c3.applicant_name, id_number=c3.applicant_id_number)
    link_members([member])
    found = find_flagged_sets()
    return f"One guarantee: {found} flagged set(s) for the CCB head ({c3.number} and {c4.number} name one person).\n"
