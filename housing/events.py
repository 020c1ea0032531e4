"""Every event of an application's history and every staff action outside one application, named once (R-X.1,
R-38), with what the measures attach to it: the unit and roles that take a step (R-16.c), the articles, and what
the applicant is told in plain words (R-16.d).

departments.permissions.DUTIES, the step labels of the desk, the audit filters, the applicant's notices and the
two writers (housing.cases.history.append_history, housing.office.log.record_action) all read this table, and the
writers refuse a name that is not in it.

The machine values are the names stored in ApplicationHistory.event (hashed into each application's chain) and
OfficeAction.action: never rename one; add a new member instead.
"""

import enum
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    # --- an application's history (ApplicationHistory.event) ----------------------------------------------------
    INTAKE = "intake", _("Registered at intake")
    # the steps of SPEC §5: the FSM transitions of housing.models.application, in the order the desk offers them
    PASS_FORMAL_REVIEW = "pass_formal_review", _("Pass formal review")
    RETURN_FOR_SUPPLEMENT = "return_for_supplement", _("Return for supplement")
    RESUBMIT = "resubmit", _("Record the resubmission")
    APPROVE_ELIGIBILITY = "approve_eligibility", _("Approve eligibility")
    REFUSE = "refuse", _("Refuse")
    PROPOSE = "propose", _("Put on the proposed list")
    PASS_RECHECK = "pass_recheck", _("Pass recheck")
    REMOVE_AT_RECHECK = "remove_at_recheck", _("Remove at recheck")
    PUBLISH_IN_NOTICE = "publish_in_notice", _("Publish in a public notice")
    FREEZE_FOR_OBJECTION = "freeze_for_objection", _("Record an objection")
    DISMISS_OBJECTION = "dismiss_objection", _("Dismiss the objection")
    UPHOLD_OBJECTION = "uphold_objection", _("Uphold the objection")
    ANNOUNCE = "announce", _("Announce")
    ISSUE_SELECTION_NOTICE = "issue_selection_notice", _("Issue the selection notice")
    RECORD_SELECTION = "record_selection", _("Record the unit selected")
    SIGN_CONTRACT = "sign_contract", _("Record the signed contract")
    FILE_CONTRACT = "file_contract", _("File the contract")
    GIVE_UP = "give_up", _("Record a give-up")
    START_SUBSIDY = "start_subsidy", _("Start the subsidy")
    WITHDRAW = "withdraw", _("Withdraw the application")
    # events that move no stage
    DOCUMENT_UPLOADED = "document_uploaded", _("Document uploaded")
    OBJECTION_RECORDED = "objection_recorded", _("Further objection recorded")
    OBJECTION_DECIDED = "objection_decided", _("Objection decided")
    RENEWAL_REMINDER = "renewal_reminder", _("Renewal reminder sent")
    LEASE_ENDED = "lease_ended", _("Lease ended without renewal")
    # a head of the CCB resolved a flagged set this application is in (housing.guarantees)
    FLAGGED_SET_RESOLVED = "flagged_set_resolved", _("Flagged set resolved (one household, one guarantee)")
    # R-16.8c, R-17: called to select with no home left to offer it (its employer's quota or its type used up)
    NOT_OFFERED = "not_offered", _("Not offered a home: none left for the household (not a give-up)")
    # an eligible application its round's ranking did not propose joins the next round of its group
    CARRIED_OVER = "carried_over", _("Carried to the next round of its group, keeping its dates")

    # --- staff actions outside one application (OfficeAction.action) -----------------------------------------
    # the annual cycle
    REPORT_DEMAND = "report_demand", _("Demand reported")
    CORRECT_DEMAND_REPORT = "correct_demand_report", _("Demand report corrected")
    FLAG_DEMAND_DEADLINE_MISS = "flag_demand_deadline_miss", _("Missed demand deadline flagged")
    DRAFT_SUPPLY_PLAN = "draft_supply_plan", _("Supply plan drafted")
    SET_PLAN_QUOTA = "set_plan_quota", _("Unit quota set in the supply plan")
    CONFIRM_SUPPLY_PLAN = "confirm_supply_plan", _("Supply plan confirmed by the Joint Meeting")
    RECORD_PLAN_APPROVAL = "record_plan_approval", _("Management Committee's approval of the plan recorded")
    SPLIT_EMPLOYER_QUOTA = "split_employer_quota", _("Quota shared out among employers")
    # the Joint Meeting's own decisions
    RECORD_JOINT_MEETING_DECISION = "record_joint_meeting_decision", _("Joint Meeting decision recorded")
    SUPERSEDE_JOINT_MEETING_DECISION = "supersede_joint_meeting_decision", _(
        "Joint Meeting decision superseded by a correction")
    # the key-enterprise list of a year, imported by the Economic Services Bureau
    KEY_ENTERPRISE_LIST_IMPORTED = "key_enterprise_list_imported", _("Key-enterprise list of a year imported")
    # the housing stock
    STOCK_IMPORTED = "stock_imported", _("Housing stock imported")
    UNIT_IMPORTED = "unit_imported", _("Home added by an import")
    UNIT_UPDATED_BY_IMPORT = "unit_updated_by_import", _("Home changed by an import")
    UNIT_SENT_TO_REPAIR = "unit_sent_to_repair", _("Home sent to repair")
    UNIT_BACK_FROM_REPAIR = "unit_back_from_repair", _("Home back from repair")
    # the selection and the contracts
    OPEN_SELECTION_SESSION = "open_selection_session", _("Selection session opened")
    CALL_HOUSEHOLD = "call_household", _("Next household called to select")
    CLOSE_SELECTION_SESSION = "close_selection_session", _("Selection session closed")
    RESERVE_HOME = "reserve_home", _("Home reserved for the household that chose it")
    RELEASE_HOME = "release_home", _("Home returned to the stock after a give-up")
    LET_HOME = "let_home", _("Home let under a filed contract")
    SELL_HOME = "sell_home", _("Home sold under a filed contract")
    # subsidies
    PREPARE_SUBSIDY_BATCH = "prepare_subsidy_batch", _("Subsidy batch prepared")
    REVIEW_SUBSIDY_BATCH = "review_subsidy_batch", _("Subsidy batch reviewed")
    APPROVE_SUBSIDY_BATCH = "approve_subsidy_batch", _("Subsidy batch approved")
    EXPORT_SUBSIDY_BATCH = "export_subsidy_batch", _("Bank file of a subsidy batch exported")
    STOP_SUBSIDY = "stop_subsidy", _("Subsidy stopped")
    RESUME_SUBSIDY = "resume_subsidy", _("Subsidy resumed")
    SET_SUBSIDY_BANK_DETAILS = "set_subsidy_bank_details", _("Bank details of a subsidy recorded")
    # tenancies and their end
    RENT_IMPORTED = "rent_imported", _("Rent payments imported")
    OCCUPANCY_CHECKED = "occupancy_checked", _("Occupancy check recorded")
    VIOLATION_RECORDED = "violation_recorded", _("Violation recorded")
    ARREARS_FOUND = "arrears_found", _("Rent arrears found")
    GRANT_RENEWAL = "grant_renewal", _("Lease renewal granted")
    END_UNRENEWED_LEASE = "end_unrenewed_lease", _("Termination served at the end of an unrenewed lease")
    TERMINATION_NOTIFIED = "termination_notified", _("Notice of termination served")
    MOVE_OUT_EXTENDED = "move_out_extended", _("Move-out deadline extended")
    MOVE_OUT_OVERSTAY = "move_out_overstay", _("Overstay after the move-out deadline flagged")
    COURT_ENFORCEMENT_REQUESTED = "court_enforcement_requested", _("Court enforcement requested")
    KEYS_RETURNED = "keys_returned", _("Keys returned")
    # economic housing after the sale
    BOUGHT_BACK = "bought_back", _("Home bought back")
    OWNERSHIP_TRANSFERRED = "ownership_transferred", _("Transfer on the market recorded")
    # the bad-behaviour register, the work queue
    RECORD_SANCTION = "record_sanction", _("Entered in the bad-behaviour register")
    MARK_REMINDER_DONE = "mark_reminder_done", _("Reminder marked done")
    # employers' rosters (R-9–11, R-16.2, R-16.8)
    CREATE_EMPLOYER_ACCOUNT = "create_employer_account", _("Employer's account created")
    SUBMIT_ROSTER = "submit_roster", _("Roster submitted by the employer")
    ACCEPT_ROSTER = "accept_roster", _("Employer's roster accepted")
    RETURN_ROSTER = "return_roster", _("Employer's roster returned")
    # verification with the agencies
    VERIFICATION_REQUESTED = "verification_requested", _("Verification requested from an agency")
    VERIFICATION_ANSWERED = "verification_answered", _("Verification answered by an agency")
    VERIFICATION_CORRECTED = "verification_corrected", _("Verification answer corrected by an agency")
    VERIFICATION_ANSWERS_IMPORTED = "verification_answers_imported", _("Verification answers imported")
    # one household, one guarantee
    FLAGGED_SET_FOUND = "flagged_set_found", _("Person found on two applications or guarantees")
    RESOLVE_FLAGGED_SET = "resolve_flagged_set", _("Flagged set resolved")
    # exports of staff lists
    EXPORT_LIST = "export_list", _("Staff list exported")
    # retention of personal data (R-X.2, R-38)
    CHANGE_RETENTION_RULE = "change_retention_rule", _("Retention period changed")


class Kind(enum.Enum):
    STEP = "step"  # moves the application to another stage (an FSM transition); written by take_step
    RECORD = "record"  # a row of the application's history that moves no stage
    ACTION = "action"  # a staff action outside one application's history (housing.models.OfficeAction)


# Who takes a step (SPEC §2): "responsible" is the unit of the applicant's group (housing.groups.RESPONSIBLE_UNIT).
CCB, FINANCE, RESPONSIBLE = "ccb", "finance", "responsible"
# The roles of departments.permissions: OPERATORS carry out the CCB's procedural steps, DECIDERS decide eligibility
# and objections (R-40: a head can do what a reviewer can).
OPERATORS = ("clerk", "head")
DECIDERS = ("reviewer", "head")


@dataclass(frozen=True)
class About:
    kind: Kind
    articles: str  # R-ids, as code and tests cite them; a page shows the article as the measures cite it
    unit: str = ""  # a step: the unit that takes it (CCB, FINANCE or RESPONSIBLE)
    roles: tuple[str, ...] = ()  # a step: the roles in that unit
    # a staff action: the duty of departments.permissions.OFFICE_DUTIES it is written under (housing.office.step);
    # None when no duty is checked: a scheduled job's finding, or a reminder closed by the unit it is addressed to.
    duty: str | None = None
    # R-16.d: what the applicant is told; may use %(number)s, %(reason)s, %(articles)s and %(notice_ends_on)s.
    words: Promise | None = None


def step(unit: str, roles: tuple[str, ...], articles: str, words: Promise) -> About:
    return About(Kind.STEP, articles, unit=unit, roles=roles, words=words)


def record(articles: str, words: Promise | None = None) -> About:
    return About(Kind.RECORD, articles, words=words)


def action(duty: str | None, articles: str) -> About:
    return About(Kind.ACTION, articles, duty=duty)


E = Event

ABOUT: dict[Event, About] = {
    E.INTAKE: record("R-12.2, R-16.2", _(
        "Your application %(number)s has been received and awaits the check of your materials.")),
    E.PASS_FORMAL_REVIEW: step(CCB, OPERATORS, "R-12.2, R-39.3", _(
        "Your materials are complete. Your application %(number)s is now being reviewed for eligibility.")),
    E.RETURN_FOR_SUPPLEMENT: step(CCB, OPERATORS, "R-12.2, R-39.3", _(
        "Your application %(number)s was returned: materials are missing or incomplete. "
        "Please supplement them and hand them in again. Reason: %(reason)s")),
    E.RESUBMIT: step(CCB, OPERATORS, "R-12.2", _(
        "Your supplemented materials for %(number)s have been received.")),
    E.APPROVE_ELIGIBILITY: step(RESPONSIBLE, DECIDERS, "R-16.3, R-39.4", _(
        "Your application %(number)s meets the conditions and will be ranked.")),
    E.REFUSE: step(RESPONSIBLE, DECIDERS, "R-16.3, R-39.4", _(
        "Your application %(number)s was refused under %(articles)s. Reason: %(reason)s")),
    E.PROPOSE: step(RESPONSIBLE, DECIDERS, "R-16.3", _(
        "Your application %(number)s is on the proposed list and will be rechecked.")),
    E.PASS_RECHECK: step(CCB, OPERATORS, "R-12.4, R-39.5", _(
        "The facts of your application %(number)s were confirmed; it will be published in a public notice.")),
    E.REMOVE_AT_RECHECK: step(CCB, OPERATORS, "R-12.4, R-39.5", _(
        "Your application %(number)s was removed at recheck under %(articles)s. Reason: %(reason)s")),
    E.PUBLISH_IN_NOTICE: step(CCB, OPERATORS, "R-12.4, R-16.4", _(
        "Your application %(number)s is in the public notice until %(notice_ends_on)s.")),
    E.FREEZE_FOR_OBJECTION: step(CCB, OPERATORS, "R-16.6", _(
        "An objection was filed concerning your application %(number)s; it is under investigation.")),
    E.DISMISS_OBJECTION: step(RESPONSIBLE, DECIDERS, "R-16.6", _(
        "The objection concerning your application %(number)s was not upheld.")),
    E.UPHOLD_OBJECTION: step(RESPONSIBLE, DECIDERS, "R-16.6", _(
        "An objection concerning your application %(number)s was upheld and it was removed from the list. "
        "Reason: %(reason)s")),
    E.ANNOUNCE: step(CCB, OPERATORS, "R-16.7", _(
        "Your application %(number)s is on the announced final list.")),
    E.ISSUE_SELECTION_NOTICE: step(CCB, OPERATORS, "R-12.7, R-16.8a", _(
        "You are invited to select your home. Application %(number)s.")),
    E.RECORD_SELECTION: step(CCB, OPERATORS, "R-12.7, R-16.8c", _(
        "Your choice of home for application %(number)s has been recorded.")),
    E.SIGN_CONTRACT: step(CCB, OPERATORS, "R-12.7, R-16.8d", _(
        "Your contract for application %(number)s has been signed.")),
    E.FILE_CONTRACT: step(CCB, OPERATORS, "R-12.7, R-16.8d", _(
        "Your contract for application %(number)s has been filed.")),
    E.GIVE_UP: step(CCB, OPERATORS, "R-12.7, SPEC §13", _(
        "Application %(number)s gave up its turn in this round (selection or signing not done in time). "
        "Reason: %(reason)s")),
    E.START_SUBSIDY: step(FINANCE, OPERATORS, "R-8.2, R-16.a", _(
        "Your housing subsidy for application %(number)s has started.")),
    E.WITHDRAW: step(CCB, OPERATORS, "R-16.b", _(
        "Your application %(number)s was withdrawn at your request.")),
    E.DOCUMENT_UPLOADED: record("R-16.2, R-39.3"),
    E.OBJECTION_RECORDED: record("R-16.6"),  # under the duty freeze_for_objection, the entry being frozen already
    E.OBJECTION_DECIDED: record("R-16.6"),  # under dismiss_ or uphold_objection, another objection still open
    # The tenant is told in the words of TENANT_WORDS, written beside the row (housing.office.reminders).
    E.RENEWAL_REMINDER: record("R-31"),
    E.LEASE_ENDED: record("R-31, R-34"),
    E.FLAGGED_SET_RESOLVED: record("R-3.2"),
    E.NOT_OFFERED: record("R-16.8c, R-17"),  # under the duty record_selection: no home left to offer (not a give-up)
    E.CARRIED_OVER: record("R-16.3, R-23"),  # under the duty propose, when the next round's ranking is made

    E.REPORT_DEMAND: action("report_demand", "R-15.1"),
    E.CORRECT_DEMAND_REPORT: action("report_demand", "R-15.1, R-15.2"),
    E.FLAG_DEMAND_DEADLINE_MISS: action(None, "R-15.2"),  # the daily job
    E.DRAFT_SUPPLY_PLAN: action("draft_supply_plan", "R-15.3"),
    E.SET_PLAN_QUOTA: action("draft_supply_plan", "R-15.3"),
    E.CONFIRM_SUPPLY_PLAN: action("confirm_supply_plan", "R-5, R-15.4"),
    E.RECORD_PLAN_APPROVAL: action("record_plan_approval", "R-15.4"),
    E.SPLIT_EMPLOYER_QUOTA: action("split_employer_quota", "R-7.2, R-17.1, R-17.2"),
    E.RECORD_JOINT_MEETING_DECISION: action("record_joint_meeting_decision", "R-5, R-7.3, R-17.2"),
    E.SUPERSEDE_JOINT_MEETING_DECISION: action("record_joint_meeting_decision", "R-5, R-7.3, R-17.2"),
    E.KEY_ENTERPRISE_LIST_IMPORTED: action("maintain_key_enterprise_list", "R-13"),
    E.STOCK_IMPORTED: action("manage_stock", "R-12.7, R-16.8b"),
    E.UNIT_IMPORTED: action("manage_stock", "R-12.7, R-16.8b"),
    E.UNIT_UPDATED_BY_IMPORT: action("manage_stock", "R-12.7, R-16.8b"),
    E.UNIT_SENT_TO_REPAIR: action("manage_stock", "R-12.7, R-16.8b"),
    E.UNIT_BACK_FROM_REPAIR: action("manage_stock", "R-12.7, R-16.8b"),
    E.OPEN_SELECTION_SESSION: action("run_selection", "R-12.7, R-16.8a, R-16.8c"),
    E.CALL_HOUSEHOLD: action("run_selection", "R-16.8c"),
    E.CLOSE_SELECTION_SESSION: action("run_selection", "R-16.8c"),
    # the moves of a home inside an application's step: record_selection, give_up (also by the job of unsigned
    # choices) and file_contract
    E.RESERVE_HOME: action("run_selection", "R-16.8c"),
    E.RELEASE_HOME: action("run_selection", "SPEC §13"),
    E.LET_HOME: action("run_selection", "R-16.8d"),
    E.SELL_HOME: action("run_selection", "R-16.8d"),
    E.PREPARE_SUBSIDY_BATCH: action("prepare_subsidy_batch", "R-8.2, R-27"),
    E.REVIEW_SUBSIDY_BATCH: action("review_subsidy_batch", "R-8.2"),
    E.APPROVE_SUBSIDY_BATCH: action("approve_subsidy_batch", "R-8.2"),
    E.EXPORT_SUBSIDY_BATCH: action("export_subsidy_batch", "R-8.2"),
    E.STOP_SUBSIDY: action("stop_subsidy", "R-8.2, R-32, R-3.2, R-25"),  # a home was filed
    E.RESUME_SUBSIDY: action("stop_subsidy", "R-8.2, R-32"),
    E.SET_SUBSIDY_BANK_DETAILS: action("prepare_subsidy_batch", "R-8.2"),
    E.RENT_IMPORTED: action("manage_tenancy", "R-33.2"),
    E.OCCUPANCY_CHECKED: action("manage_tenancy", "R-33.1"),
    E.VIOLATION_RECORDED: action("manage_tenancy", "R-33"),
    E.ARREARS_FOUND: action(None, "R-33.2"),  # the daily job
    E.GRANT_RENEWAL: action("manage_tenancy", "R-30, R-31"),
    E.END_UNRENEWED_LEASE: action("manage_tenancy", "R-31, R-34"),  # the daily job, holding this one transition
    # a notice on a violation needs decide_termination, one at the lease's end or on request manage_tenancy
    E.TERMINATION_NOTIFIED: action("manage_tenancy", "R-31, R-32, R-33, R-34"),
    E.MOVE_OUT_EXTENDED: action("decide_termination", "R-34"),
    E.MOVE_OUT_OVERSTAY: action(None, "R-34"),  # the daily job
    E.COURT_ENFORCEMENT_REQUESTED: action("decide_termination", "R-34"),
    E.KEYS_RETURNED: action("manage_tenancy", "R-34"),
    E.BOUGHT_BACK: action("manage_ownership", "R-28"),
    E.OWNERSHIP_TRANSFERRED: action("manage_ownership", "R-29"),
    E.RECORD_SANCTION: action("record_sanction", "R-35, R-36, R-37"),
    E.MARK_REMINDER_DONE: action(None, "R-X.6"),  # the unit the reminder is addressed to, whatever its duties
    E.CREATE_EMPLOYER_ACCOUNT: action("manage_employer_rosters", "R-7.2, R-9.2, R-11.2"),
    E.SUBMIT_ROSTER: action(None, "R-16.2"),  # the employer's own account, which holds no unit's duty
    E.ACCEPT_ROSTER: action("manage_employer_rosters", "R-7.2, R-9.2, R-11.2, R-16.2"),
    E.RETURN_ROSTER: action("manage_employer_rosters", "R-7.2, R-9.2, R-11.2, R-16.2"),
    E.VERIFICATION_REQUESTED: action(None, "R-14, R-39.5"),  # the CCB, under the recheck step's duty
    E.VERIFICATION_ANSWERED: action("answer_verification", "R-14"),
    E.VERIFICATION_CORRECTED: action("answer_verification", "R-14"),
    E.VERIFICATION_ANSWERS_IMPORTED: action("answer_verification", "R-14"),
    E.FLAGGED_SET_FOUND: action(None, "R-3.2"),  # the nightly job (housing.guarantees.flagging)
    E.RESOLVE_FLAGGED_SET: action("resolve_flagged_set", "R-3.2"),
    E.EXPORT_LIST: action(None, "R-6, R-38"),  # whoever may read the list's page, under the page's own refusal
    E.CHANGE_RETENTION_RULE: action("maintain_retention_schedule", "R-X.2, R-38"),
}

# R-16.d: the tenant's notices about the end of the lease and its renewal, by name (housing.office.reminders),
# each with the event whose history row carries it; both languages are stored with the notice.
TENANT_WORDS: dict[str, tuple[Event, Promise]] = {
    "renewal_due": (E.RENEWAL_REMINDER, _(
        "The lease of your home %(unit)s (application %(number)s) ends on %(ends_on)s. You may apply to renew it "
        "from %(renew_from)s until the lease ends (Art. 31). Without a renewal that passes review, the home is "
        "taken back when the lease ends.")),
    "renewal_due_final": (E.RENEWAL_REMINDER, _(
        "The lease of your home %(unit)s (application %(number)s) ends on %(ends_on)s. A talent's lease can be "
        "renewed only once (Art. 30), so the home is taken back when the lease ends; please prepare to move out.")),
    "lease_ended": (E.LEASE_ENDED, _(
        "The lease of your home %(unit)s (application %(number)s) ended on %(ends_on)s without a renewal "
        "(Art. 31). Please move out by %(move_out_by)s (Art. 34).")),
    "renewal_announced": (E.ISSUE_SELECTION_NOTICE, _(
        "Your renewal application %(number)s passed and was announced. You keep your present home %(unit)s; "
        "no selection is needed.")),
    "renewal_unit_recorded": (E.RECORD_SELECTION, _(
        "Your present home %(unit)s was recorded for the renewal %(number)s.")),
    "renewal_granted": (E.FILE_CONTRACT, _(
        "Your lease renewal %(number)s was granted and its contract filed: the lease of %(unit)s now ends on "
        "%(ends_on)s (Art. 31).")),
}

del E

STEPS = tuple(e for e in Event if ABOUT[e].kind is Kind.STEP)
HISTORY_EVENTS = tuple(e for e in Event if ABOUT[e].kind is not Kind.ACTION)
STAFF_ACTIONS = tuple(e for e in Event if ABOUT[e].kind is Kind.ACTION)
_HISTORY_VALUES = frozenset(e.value for e in HISTORY_EVENTS)
_ACTION_VALUES = frozenset(e.value for e in STAFF_ACTIONS)


def is_history_event(name: str) -> bool:
    """May ``name`` be written as an ApplicationHistory.event?"""
    return name in _HISTORY_VALUES


def is_staff_action(name: str) -> bool:
    """May ``name`` be written as an OfficeAction.action?"""
    return name in _ACTION_VALUES


def label_of(name: str) -> str | Promise:
    """The label of a stored event or action; the stored name itself only for a row older than the table."""
    return Event(name).label if name in Event.values else name
