"""The desk's lists as exports (R-6, R-38): the application list and its search, the audit trail, the staff actions
and the reviewers' overrides — the pages' own selectors, filters, refusals and columns (housing.exports)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from departments.models import UnitCode
from departments.permissions import can_read_audit, can_read_overrides
from housing.cases import selectors
from housing.cases.actors import actor_label, actor_labels
from housing.cases.citations import in_language
from housing.desk.forms.audit import AuditFilterForm, OfficeActionFilterForm, OverrideFilterForm, actor_filter
from housing.desk.forms.filters import ApplicationFilterForm
from housing.desk.views.applications import SEARCHES_KEY, group_display
from housing.events import Event, label_of
from housing.exports.tables import Column, Table, register
from housing.office.records import name_records
from housing.review.selectors import overrides_visible_to
from housing.groups import Form, Group
from housing.rules.catalogue import CONDITIONS
from housing.stages import Stage


def _search_term(request, params: dict) -> dict:
    """R-X.2, R-X.3: the page carries its search as a key of the session; the export reads the term the same way."""
    params = dict(params)
    key = (params.pop("s", None) or [""])[0]
    term = request.session.get(SEARCHES_KEY, {}).get(key) if key else None
    if term:
        params["q"] = [term]
    return params


def _applications(user, filters):
    form = ApplicationFilterForm(filters or None, user=user)
    if form.is_bound:
        form.is_valid()  # as on the page: a bad value is left out, the others still filter
    return selectors.search_applications(user, **form.filters())


register(Table(
    name="applications", title=_("Applications"), page="housing:application_list", prepare=_search_term,
    rows=_applications,
    # The page's columns; it shows no ID number, and neither does the file.
    columns=(
        Column(_("Application number"), "number"),
        Column(_("Applicant"), "applicant_name"),
        Column(_("Applicant group"), "group", labels=lambda: {g: group_display(g) for g in Group.values}),
        Column(_("Form of guarantee"), "form", labels=lambda: dict(Form.choices)),
        Column(_("Stage"), "stage", labels=lambda: dict(Stage.choices)),
        Column(_("Employer"), "employer__name"),
        Column(_("Received"), "submitted_at"),
        Column(_("Stage changed"), "stage_changed_at"),
    ),
))


def _audit(user, filters):
    if not can_read_audit(user):
        raise PermissionDenied
    form = AuditFilterForm(filters or None)
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.audit_trail_rows(user, unit=data.get("unit", ""), event=data.get("event", ""),
                                      actor=(data.get("actor") or "").strip())


UNITS = dict(UnitCode.choices)

register(Table(
    name="audit_trail", title=_("Audit trail of staff actions"), page="housing:audit_trail", rows=_audit,
    columns=(
        Column(_("When"), "at"),
        Column(_("Staff member"), "actor_name", labels=actor_labels),
        Column(_("Unit"), "actor_unit", labels=lambda: dict(UnitCode.choices)),
        Column(_("Application"), "application__number"),
        Column(_("Step"), "event", labels=lambda: dict(Event.choices)),
        Column(_("From"), "from_stage", labels=lambda: dict(Stage.choices)),
        Column(_("To"), "to_stage", labels=lambda: dict(Stage.choices)),
        Column(_("Reason"), "reason"),
        Column(_("Articles"), "articles", text=in_language),
    ),
))


class _Rows:
    """A queryset read in chunks whose rows carry the names people read (its length is the queryset's count)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __len__(self):
        return self.queryset.count()

    def __iter__(self):
        chunk = []
        for row in self.queryset.iterator(chunk_size=2000):
            chunk.append(row)
            if len(chunk) == 2000:
                yield from self._named(chunk)
                chunk = []
        yield from self._named(chunk)

    @staticmethod
    def _named(rows):
        name_records(rows)
        for row in rows:
            row.by = actor_label(row.actor_name, row.actor)
        return rows


def _staff_actions(user, filters):
    if not can_read_audit(user):
        raise PermissionDenied
    form = OfficeActionFilterForm(filters or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.office_action_rows(user, record_type=data.get("record_type", ""), action=data.get("action", ""),
                                        actor=actor_filter(data))
    return _Rows(rows)


register(Table(
    name="office_actions", title=_("Staff actions on plans, stock, selection, subsidies and tenancies"),
    page="housing:office_actions", rows=_staff_actions, slug="staff-actions",
    columns=(
        Column(_("When"), lambda r: r.at),
        Column(_("Staff member"), lambda r: r.by),
        Column(_("Record"), lambda r: f"{r.record_kind} {r.record_name}".strip()),
        Column(_("Action"), lambda r: label_of(r.action)),
        Column(_("Summary"), lambda r: r.summary),
        Column(_("Articles"), lambda r: in_language(r.article)),
    ),
))


def _overrides(user, filters):
    if not can_read_overrides(user):
        raise PermissionDenied
    form = OverrideFilterForm(filters or None)
    if form.is_bound:
        form.is_valid()
    return overrides_visible_to(user, **form.filters())


def _yes_no(value, yes, no):
    return yes if value is True else no if value is False else _("Undecided")


register(Table(
    name="overrides", title=_("Overrides of the eligibility check"), page="housing:override_list", rows=_overrides,
    columns=(
        Column(_("Application"), lambda r: r.application.number),
        Column(_("Applicant group"), lambda r: group_display(r.application.group)),
        Column(_("Condition"), lambda r: f"{in_language(r.condition_id, r.application.group)} "
                                             f"{CONDITIONS.get(r.condition_id, '')}".strip()),
        Column(_("The check said"), lambda r: _yes_no(r.engine_passed, _("Passes"), _("Fails"))),
        Column(_("Explanation of the check"), lambda r: r.engine_message),
        Column(_("The reviewer decided"), lambda r: _yes_no(r.passed, _("Passed"), _("Failed"))),
        Column(_("Reason for the override"), lambda r: r.override_reason),
        Column(_("Reviewer"), lambda r: f"{r.decided_by} ({r.decided_by.username})"),
        Column(_("Unit"), lambda r: UNITS.get(r.decided_by.unit.code, "") if r.decided_by.unit else ""),
        Column(_("When"), lambda r: r.decided_at),
        Column(_("Policy version"), lambda r: r.policy_version),
    ),
))
