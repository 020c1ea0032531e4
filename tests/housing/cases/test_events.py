"""R-X.1, R-38, R-16.c, R-16.d: every history event and staff action is named once, in housing.events, and the
permissions, the desk's labels, the audit filters, the applicant's words and the two writers all agree with it."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from departments.permissions import DECIDERS, DUTIES, OFFICE_DUTIES, OPERATORS
from housing.cases.history import append_history
from housing.cases.plain_words import PLAIN_WORDS
from housing.desk.forms.audit import AuditFilterForm, OfficeActionFilterForm
from housing.desk.forms.steps import STEP_LABELS
from housing.events import (ABOUT, HISTORY_EVENTS, STAFF_ACTIONS, STEPS, TENANT_WORDS, Event, Kind,
                            is_history_event, is_staff_action)
from housing.models import ApplicantNotice, Application, ApplicationHistory, OfficeAction
from housing.office.log import record_action
from housing.office.reminders import tell_tenant
from tests.factories import ApplicationFactory, staff
from tests.factories.stock import HousingUnitFactory

CJK = re.compile(r"[\u4e00-\u9fff]")

# departments.permissions.DUTIES as it was written by hand before the enumeration: the steps, their units, roles
# and articles must not change when they are read from housing.events.
DUTIES_BEFORE = {
    "pass_formal_review": ("ccb", OPERATORS, "R-12.2, R-39.3"),
    "return_for_supplement": ("ccb", OPERATORS, "R-12.2, R-39.3"),
    "resubmit": ("ccb", OPERATORS, "R-12.2"),
    "approve_eligibility": ("responsible", DECIDERS, "R-16.3, R-39.4"),
    "refuse": ("responsible", DECIDERS, "R-16.3, R-39.4"),
    "propose": ("responsible", DECIDERS, "R-16.3"),
    "pass_recheck": ("ccb", OPERATORS, "R-12.4, R-39.5"),
    "remove_at_recheck": ("ccb", OPERATORS, "R-12.4, R-39.5"),
    "publish_in_notice": ("ccb", OPERATORS, "R-12.4, R-16.4"),
    "freeze_for_objection": ("ccb", OPERATORS, "R-16.6"),
    "dismiss_objection": ("responsible", DECIDERS, "R-16.6"),
    "uphold_objection": ("responsible", DECIDERS, "R-16.6"),
    "announce": ("ccb", OPERATORS, "R-16.7"),
    "issue_selection_notice": ("ccb", OPERATORS, "R-12.7, R-16.8a"),
    "record_selection": ("ccb", OPERATORS, "R-12.7, R-16.8c"),
    "sign_contract": ("ccb", OPERATORS, "R-12.7, R-16.8d"),
    "file_contract": ("ccb", OPERATORS, "R-12.7, R-16.8d"),
    "give_up": ("ccb", OPERATORS, "R-12.7, SPEC §13"),
    "start_subsidy": ("finance", OPERATORS, "R-8.2, R-16.a"),
    "withdraw": ("ccb", OPERATORS, "R-16.b"),
}


def in_language(lang, text):
    with translation.override(lang):
        return str(text)


# --- the table itself ----------------------------------------------------------------------------------------

def test_every_event_is_described_once_and_fits_its_column():
    assert list(ABOUT) == list(Event)
    assert set(HISTORY_EVENTS) | set(STAFF_ACTIONS) == set(Event)
    assert not set(HISTORY_EVENTS) & set(STAFF_ACTIONS)
    history_width = ApplicationHistory._meta.get_field("event").max_length
    action_width = OfficeAction._meta.get_field("action").max_length
    assert all(len(e.value) <= history_width for e in HISTORY_EVENTS)
    assert all(len(e.value) <= action_width for e in STAFF_ACTIONS)


@pytest.mark.parametrize("event", list(Event), ids=str)
def test_every_event_has_a_chinese_label_of_its_own(event):
    zh, en = in_language("zh-hans", event.label), in_language("en", event.label)
    assert CJK.search(zh), f"{event.value}: no Chinese label in the catalogue"
    assert zh != en and en.strip()


def test_the_labels_are_distinct_in_both_languages():
    for lang in ("zh-hans", "en"):
        labels = [in_language(lang, e.label) for e in Event]
        assert len(set(labels)) == len(labels), lang


def test_the_steps_are_the_transitions_of_the_state_machine():
    transitions = {t.name for t in Application._meta.get_field("stage").get_all_transitions(Application)}
    assert {s.value for s in STEPS} == transitions


def test_a_staff_action_names_a_duty_the_permissions_know():
    for event in STAFF_ACTIONS:
        assert ABOUT[event].duty is None or ABOUT[event].duty in OFFICE_DUTIES, event
        assert ABOUT[event].articles and not ABOUT[event].words and not ABOUT[event].unit
    assert all(ABOUT[e].duty is None for e in HISTORY_EVENTS)


# --- the readers agree with it -------------------------------------------------------------------------------

def test_duties_are_read_from_the_table_unchanged():
    assert DUTIES == DUTIES_BEFORE
    assert list(DUTIES) == [s.value for s in STEPS]  # the order the desk offers the steps in
    assert all(roles in (OPERATORS, DECIDERS) for _unit, roles, _articles in DUTIES.values())


def test_step_labels_are_the_labels_of_every_history_event():
    assert STEP_LABELS == {e.value: e.label for e in HISTORY_EVENTS}
    assert {"intake", "renewal_reminder", "lease_ended", "document_uploaded"} <= set(STEP_LABELS)


def test_the_applicant_is_told_every_step_in_both_languages():
    assert set(PLAIN_WORDS) <= {e.value for e in HISTORY_EVENTS}
    assert {s.value for s in STEPS} | {"intake"} <= set(PLAIN_WORDS)
    context = {"number": "LH-1", "reason": "r", "articles": "Art. 18", "notice_ends_on": "2026-01-01"}
    for event, words in PLAIN_WORDS.items():
        assert words is ABOUT[event].words
        zh, en = in_language("zh-hans", words) % context, in_language("en", words) % context
        assert CJK.search(zh) and zh != en and "LH-1" in zh and "LH-1" in en, event


def test_the_tenants_words_belong_to_history_events_and_are_translated():
    context = {"number": "LH-1", "unit": "1-101", "ends_on": "2026-01-31", "renew_from": "2025-10-31",
               "move_out_by": "2026-03-02"}
    for name, (event, words) in TENANT_WORDS.items():
        assert event in HISTORY_EVENTS, name
        zh, en = in_language("zh-hans", words) % context, in_language("en", words) % context
        assert CJK.search(zh) and zh != en and "1-101" in zh, name


def test_every_history_event_is_offered_by_the_audit_filter_and_every_action_by_the_staff_action_filter():
    events = [value for value, _label in AuditFilterForm().fields["event"].choices]
    actions = [value for value, _label in OfficeActionFilterForm().fields["action"].choices]
    assert events == ["", *(e.value for e in HISTORY_EVENTS)]
    assert actions == ["", *(e.value for e in STAFF_ACTIONS)]
    assert {"renewal_reminder", "lease_ended"} <= set(events)


def test_every_name_the_code_writes_is_in_the_table():
    """The bulk writers (stock import, arrears, subsidy stops) bypass record_action, so read the names in the code:
    every literal passed as action=, event=, step= or words= (conditional expressions included)."""
    base = Path(settings.BASE_DIR)
    written = {"action": set(), "event": set(), "step": set(), "words": set()}
    pattern = re.compile(r'\b(action|event|step|words)=((?:"\w+"(?: if [^,()]+ else )?)+)')
    for package in ("housing", "publicity"):
        for path in (base / package).rglob("*.py"):
            if "migrations" in path.parts or "management" in path.parts:  # argparse's action="store_true"
                continue
            for keyword, values in pattern.findall(path.read_text(encoding="utf-8")):
                written[keyword].update(re.findall(r'"(\w+)"', values))
    assert written["action"] >= {"let_home", "sell_home", "report_demand", "correct_demand_report",
                                 "arrears_found", "unit_imported"}  # the scan itself works
    assert {a for a in written["action"] if not is_staff_action(a)} == set()
    assert {e for e in written["event"] | written["step"] if not is_history_event(e)} == set()
    assert written["words"] - set(TENANT_WORDS) == set()


def literals(node) -> set[str]:
    """The strings a keyword argument can be: a constant, or either side of a conditional expression."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return literals(node.body) | literals(node.orelse)
    return set()


def test_a_staff_action_moved_by_office_step_names_the_duty_it_is_written_under():
    """housing.office.step.office_step(duty=..., action=...): the table's duty is the one the move checks."""
    base = Path(settings.BASE_DIR)
    found = {}
    for path in (base / "housing").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "office_step":
                keywords = {k.arg: k.value for k in node.keywords}
                duties = literals(keywords.get("duty"))
                for name in literals(keywords.get("action")):
                    found[name] = duties
    assert {"end_unrenewed_lease", "reserve_home", "let_home", "sell_home"} <= set(found)  # the scan itself works
    assert {name: ABOUT[name].duty for name, duties in found.items() if duties and ABOUT[name].duty not in duties} == {}


# --- the writers refuse a name outside it --------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("name", ["renewal_remider", "end_unrenewed_lease", ""])
def test_the_history_refuses_a_name_that_is_no_history_event_and_writes_nothing(name):
    application = ApplicationFactory()
    head = Application.objects.get(pk=application.pk).history_head
    rows = ApplicationHistory.objects.count()
    with pytest.raises(ValueError, match="housing.events"):
        append_history(application=application, event=name, actor=None, articles=["R-31"])
    assert ApplicationHistory.objects.count() == rows
    assert Application.objects.get(pk=application.pk).history_head == head


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["purge", "lease_ended", "intake"])
def test_the_staff_action_log_refuses_a_name_that_is_no_staff_action_and_writes_nothing(name):
    home = HousingUnitFactory()
    with pytest.raises(ValueError, match="housing.events"):
        record_action(actor=staff("ccb", "clerk"), action=name, obj=home, summary="x", article="R-16.8b")
    assert not OfficeAction.objects.exists()


@pytest.mark.django_db
def test_the_tenant_is_not_told_in_words_of_another_event_and_nothing_is_written():
    application = ApplicationFactory()
    rows = ApplicationHistory.objects.filter(application=application).count()
    with pytest.raises(ValueError, match="TENANT_WORDS"):
        tell_tenant(application=application, event="renewal_reminder", words="lease_ended",
                    context={"unit": "1-101", "ends_on": "2026-01-31", "move_out_by": "2026-03-02"},
                    articles=["R-31"], payload={})
    assert ApplicationHistory.objects.filter(application=application).count() == rows
    assert not ApplicantNotice.objects.filter(application=application).exists()


def test_the_predicates_answer_from_the_kind():
    assert is_history_event("intake") and is_history_event("withdraw") and not is_history_event("let_home")
    assert is_staff_action("let_home") and not is_staff_action("withdraw") and not is_staff_action("nope")
    assert {ABOUT[e].kind for e in STEPS} == {Kind.STEP}
