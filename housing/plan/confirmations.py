"""What recording the Joint Meeting's confirmation or the Management Committee's approval of a year's supply
plan will do, stated before it is done (R-15.3, R-15.4): the quotas of each unit that become binding, and the
reference and date recorded."""

from django.utils import timezone
from django.utils.translation import gettext as _

from housing.groups import Group
from housing.models import SupplyPlan
from housing.plan.selectors import approved_plan_of_year
from housing.web.confirmation import Confirmation
from housing.web.lists import in_a_line


def plan_decision_confirmation(plan: SupplyPlan, data: dict, *, decision: str) -> Confirmation:
    """``decision``: "confirm" (the Joint Meeting) or "approve" (the Management Committee)."""
    quotas = sorted(plan.quotas.select_related("unit"), key=lambda q: q.unit.code)
    rental = sum(q.rental_units for q in quotas)
    sale = sum(q.sale_units for q in quotas)
    if decision == "confirm":
        title = _("Record the Joint Meeting's confirmation of the supply plan %(year)s") % {"year": plan.year}
        lead = _("The supply plan %(year)s is recorded as confirmed by the Joint Meeting on %(day)s (%(ref)s); "
                 "its quotas can then no longer be edited.") % {
            "year": plan.year, "day": data["decided_on"].isoformat(), "ref": data["reference"]}
    else:
        title = _("Record the Management Committee's approval of the supply plan %(year)s") % {"year": plan.year}
        lead = _("The supply plan %(year)s is recorded as approved on %(day)s (%(ref)s); allocation rounds can "
                 "then be opened on it.") % {
            "year": plan.year, "day": data["decided_on"].isoformat(), "ref": data["reference"]}
    return Confirmation(
        title=title, lead=lead,
        confirm_label=_("Confirm and record"),
        basis={"act": f"plan-{decision}", "plan": plan.pk, "version": plan.version, "status": plan.status,
               "reference": data["reference"], "day": data["decided_on"].isoformat(),
               "quotas": [[q.unit.code, q.rental_units, q.sale_units] for q in quotas]},
        facts=[(_("Year"), str(plan.year)), (_("Reference"), data["reference"]),
               (_("Date"), data["decided_on"].isoformat()),
               (_("Public rental homes"), str(rental)), (_("Economic housing homes"), str(sale))],
        table_caption=_("Quotas of the units"),
        table_headers=[_("Unit"), _("Public rental homes"), _("Economic housing homes")],
        table_rows=[[str(q.unit), str(q.rental_units), str(q.sale_units)] for q in quotas],
        numeric_columns=frozenset({1, 2}), fields={"version": plan.version})


def round_open_confirmation(data: dict) -> Confirmation:
    """R-16.1: opening a round publishes its supply notice on the public site at once, and the invited groups
    may apply until the deadline; R-15.4: under the approved supply plan of its year. A published supply notice
    is not withdrawn, so what it says is stated before it is published."""
    plan = approved_plan_of_year(data["year"])
    groups = [g for g in Group.values if g in set(data["groups"])]
    title = data["title"].strip()
    name = data["name"].strip() or title
    today = timezone.localdate()
    facts = [(_("Year"), str(data["year"])), (_("Name of the round"), name),
             (_("Title of the supply notice"), title),
             (_("Applicant groups invited"), in_a_line(Group(g).label for g in groups)),
             (_("Published on"), today.isoformat()),
             (_("Application deadline"), data["application_deadline"].isoformat())]
    if plan is not None:
        facts.append((_("Supply plan"), _("%(year)s, approved on %(day)s (%(ref)s)") % {
            "year": plan.year, "day": plan.approved_on.isoformat() if plan.approved_on else "—",
            "ref": plan.committee_reference or "—"}))
    return Confirmation(
        title=_("Publish the supply notice and open the round %(name)s") % {"name": name},
        lead=_("The supply notice \"%(title)s\" is published on the public site today, %(today)s, and the round "
               "opens: households of the groups invited may apply until %(deadline)s. A published supply notice "
               "is not withdrawn.") % {"title": title, "today": today.isoformat(),
                                       "deadline": data["application_deadline"].isoformat()},
        confirm_label=_("Confirm and publish"),
        basis={"act": "open-round", "year": data["year"], "name": name, "title": title, "body": data["body"].strip(),
               "groups": groups, "deadline": data["application_deadline"].isoformat(), "day": today.isoformat(),
               "plan": [plan.pk, plan.version] if plan is not None else None},
        facts=facts,
        consequences=[_("Applications of these groups are registered only for this round until the deadline, and "
                        "not after it."),
                      _("The text above is what residents read on the public site.")],
        quoted_caption=_("Text of the supply notice"), quoted=data["body"].strip())
