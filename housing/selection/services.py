"""Selection day (R-16.8a, R-16.8c, R-17, SPEC §13): notices in rank order, the clerk's session, the choice of
a home from the stock, give-ups, and the give-up limit at intake. docs/decisions/0016.

A home is never given to two households, also with several clerks at once: the home's row is locked
(``select_for_update``) before anything is checked, its FSM moves it from available to reserved, and the database
refuses a second holding selection of the same home (the partial unique constraint on Selection).
Lock order everywhere: the home, then the employer, then the application (inside ``take_step``).
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from departments.permissions import SCHEDULED_JOB, duty_article, may
from housing.exceptions import (
    EmployerQuotaReached, GiveUpLimitReached, InvalidInput, NotEntitled, NotPermitted, StageNotAllowed, UnitTaken,
)
from housing.groups import TALENT_GROUPS
from housing.models import (
    AllocationRound, Application, Employer, GiveUp, HousingUnit, Selection, SelectionNotice, SelectionSession,
    UnitType,
)
from housing.selection.selectors import (
    announcement_of,
    awaiting_notice,
    employer_homes_in_round,
    employer_quota_for,
    entitled_unit_types,
    give_up_count,
    homes_for,
    next_household,
    next_order,
    selection_opens_on,
    selection_policy,
    unsigned_selections,
)
from housing.joint_meeting.selectors import employer_cap
from housing.office.log import record_action, require_office_duty
from housing.selection.not_offered import EMPLOYER_QUOTA, NO_HOME, record_not_offered
from housing.guarantees.checks import refuse_second_guarantee
from housing.office.step import office_step
from housing.cases.workflow import require_duty, take_step
from housing.stages import Stage


# --- selection notices (R-16.8a) ---------------------------------------------------------------------


def _check_announcement_over(application: Application, today: datetime.date) -> None:
    notice = announcement_of(application)
    if notice is None:
        raise InvalidInput(_("Application %(number)s is on no announced list; selection notices follow the "
                             "announcement (Art. 16(7), Art. 16(8)).") % {"number": application.number})
    opens = selection_opens_on(notice, selection_policy(today))
    if today < opens:
        raise InvalidInput(_("The announcement period runs until %(last)s; selection notices can be issued from "
                             "%(opens)s (Art. 16(8)).") % {
            "last": (opens - datetime.timedelta(days=1)).isoformat(), "opens": opens.isoformat()})


SELECTION_AFTER_NOTICE_DAYS = 7


def _refuse_while_better_ranked_wait(application: Application) -> None:
    # R-16.8a: a better rank in the same list (for talents: at the same employer, R-23.2).
    def place(a):
        return (a.proposed_rank is None, a.proposed_rank or 0), a.employer_id

    mine = place(application)
    ahead = [a for a in awaiting_notice(application.round_id, application.group)
             if a.pk != application.pk and place(a)[0] < mine[0] and place(a)[1] == mine[1]]
    if ahead:
        raise InvalidInput(_("Application %(number)s ranks before this one and has no selection notice yet; "
                             "notices go out in rank order (Art. 16(8)).") % {"number": ahead[0].number})


def issue_notice(*, actor, application: Application, expected_version: int,
                 selection_date: datetime.date | None = None, place: str = "", order: int | None = None) -> Application:
    """R-16.8a: one household's selection notice; the order is the next in its round and group.

    Refused while a better-ranked household of the same list still waits for its notice, so the order of the
    notices is the announced order whichever way they are issued.
    """
    require_duty(actor=actor, step="issue_selection_notice", application=application)
    today = timezone.localdate()
    if application.stage == Stage.ANNOUNCED and application.asks_for_housing():
        _check_announcement_over(application, today)
        if order is None:
            # One at a time: the households ranked before it must have theirs (issue_selection_notices hands out
            # the orders itself, walking the list in rank order, and needs no such check).
            _refuse_while_better_ranked_wait(application)
    # Decision 0016: unless the clerk sets them, the household is called a week after its notice (time to view
    # the homes, R-16.8) to the CCB's service hall.
    selection_date = selection_date or today + datetime.timedelta(days=SELECTION_AFTER_NOTICE_DAYS)
    place = (place or "").strip() or _("City Construction Bureau service hall")
    if selection_date < today:
        raise InvalidInput(_("The selection date cannot be in the past."),
                           field_errors={"selection_date": [_("Give a date from today on.")]})

    def record(locked):
        number = order or next_order(locked.round_id, locked.group)
        SelectionNotice.objects.create(application=locked, order=number, selection_date=selection_date,
                                       place=place, issued_on=today, issued_by=actor)
        return {"order": number, "selection_date": selection_date.isoformat(), "place": place}

    return take_step(actor=actor, application=application, step="issue_selection_notice",
                     expected_version=expected_version, record=record)


@transaction.atomic
def issue_selection_notices(*, actor, round_id: int, group: str, selection_date: datetime.date,
                            place: str) -> list[SelectionNotice]:
    """R-16.8a: every announced household of the round and group, in rank order (honours first among equals is
    already in the rank, R-24), after the announcement period. All or nothing (R-X.5)."""
    if not may(actor, "issue_selection_notice", group):
        raise NotPermitted()
    if not (place or "").strip():
        raise InvalidInput(_("Say where the selection takes place."),
                           field_errors={"place": [_("This field is required.")]})
    waiting = awaiting_notice(round_id, group)
    if not waiting:
        raise InvalidInput(_("No announced household of this round and group awaits a selection notice."))
    first = next_order(round_id, group)
    issued = []
    for offset, application in enumerate(waiting):
        issue_notice(actor=actor, application=application, expected_version=application.version,
                     selection_date=selection_date, place=place, order=first + offset)
        issued.append(application.pk)
    return list(SelectionNotice.objects.filter(application_id__in=issued).order_by("order"))


# --- the session -------------------------------------------------------------------------------------


@transaction.atomic
def open_session(*, actor, round_id: int, group: str) -> SelectionSession:
    """One open session per round and group: opening again returns the one already open."""
    require_office_duty(actor, "run_selection", NotPermitted.default_message)
    round_ = AllocationRound.objects.select_for_update().get(pk=round_id)
    session = SelectionSession.objects.filter(round=round_, group=group, closed_at__isnull=True).first()
    if session is not None:
        return session
    session = SelectionSession.objects.create(round=round_, group=group, opened_by=actor)
    record_action(actor=actor, action="open_selection_session", obj=session, article=duty_article("run_selection"),
                  summary=f"{round_} {group}")
    return session


@transaction.atomic
def call_next(*, actor, session: SelectionSession) -> Application | None:
    """R-16.8c: the next household in order still to select; None when every household has had its turn."""
    require_office_duty(actor, "run_selection", NotPermitted.default_message)
    session = SelectionSession.objects.select_for_update().get(pk=session.pk)
    if session.closed_at is not None:
        raise InvalidInput(_("This selection session is closed."))
    if session.current_id:
        current = Application.objects.get(pk=session.current_id)
        if current.stage == Stage.SELECTION and not Selection.objects.filter(application=current).exists():
            raise InvalidInput(_("Household %(number)s has been called and has neither chosen nor been recorded "
                                 "as not present; record one of the two first.") % {"number": current.number})
    application = next_household(session)
    session.current = application
    session.save(update_fields=["current"])
    record_action(actor=actor, action="call_household", obj=session, article="R-16.8c",
                  summary=application.number if application else "-")
    return application


@transaction.atomic
def close_session(*, actor, session: SelectionSession) -> SelectionSession:
    require_office_duty(actor, "run_selection", NotPermitted.default_message)
    session = SelectionSession.objects.select_for_update().get(pk=session.pk)
    if session.closed_at is None:
        session.closed_at = timezone.now()
        session.current = None
        session.save(update_fields=["closed_at", "current"])
        record_action(actor=actor, action="close_selection_session", obj=session, article="R-16.8c",
                      summary=f"{session.round} {session.group}")
    return session


# --- the choice (R-16.8c, R-17) ----------------------------------------------------------------------


def employer_quota_refusal(*, already: int, cap: int, quota: int | None, decided: bool = False) -> str | None:
    """R-17.1, R-17.2: the home after ``already`` homes of one employer in a round. ``cap``: the policy's cap, or
    the homes a Joint Meeting decision in force allows the employer that year (``decided``); never above the
    employer's quota when one is set."""
    if quota is not None and already + 1 > quota:
        return _("The employer's quota of %(quota)s homes in this round is used up (Art. 17).") % {"quota": quota}
    if already + 1 > cap and decided:
        return _("The employer already has the %(cap)s homes the Joint Meeting's decision allows it this year "
                 "(Art. 17).") % {"cap": cap}
    if already + 1 > cap:
        return _("The employer already has %(cap)s homes in this round; more need a case-by-case decision of the "
                 "Joint Meeting recorded with its quota (Art. 17).") % {"cap": cap}
    return None


def _check_employer_quota(application: Application, cap: int) -> None:
    if application.group not in TALENT_GROUPS or not application.employer_id:
        return
    # Serialises two clerks allocating to the same employer at once (lock order: home, employer, application).
    Employer.objects.select_for_update().get(pk=application.employer_id)
    quota = employer_quota_for(application.round, application.employer_id)
    round_ = application.round
    year = round_.supply_plan.year if round_.supply_plan_id else round_.year
    # the cap of the year is the Joint Meeting's decision in force, if any (housing.joint_meeting)
    allowed = employer_cap(employer_id=application.employer_id, year=year, policy_cap=cap)
    refusal = employer_quota_refusal(
        already=employer_homes_in_round(application.round_id, application.employer_id,
                                        exclude_application_id=application.pk),
        cap=allowed, quota=quota.total if quota else None, decided=allowed != cap)
    if refusal:
        raise EmployerQuotaReached(refusal)


def choose_home(*, actor, application: Application, expected_version: int, unit: HousingUnit | int,
                selected_on: datetime.date | None = None, session: SelectionSession | None = None) -> Application:
    """R-16.8c: the household takes one available home its entitlement allows; the home is reserved for it until
    it signs by ``sign_by`` (SPEC §13)."""
    require_duty(actor=actor, step="record_selection", application=application)
    unit_id = unit.pk if isinstance(unit, HousingUnit) else unit
    if not unit_id:
        raise InvalidInput(_("Choose the home from the stock."), field_errors={"unit": [_("This field is required.")]})
    selected_on = selected_on or timezone.localdate()
    policy = selection_policy(selected_on)
    # R-3.2 (Art. 3): no home for a household whose person already holds one, or a subsidy.
    refuse_second_guarantee(application, today=timezone.localdate())
    try:
        with transaction.atomic():
            home = (HousingUnit.objects.select_for_update(of=("self",)).select_related("building__project")
                    .filter(pk=unit_id).first())
            if home is None:
                raise InvalidInput(_("No such home in the stock."), field_errors={"unit": [_("Choose a home.")]})
            if not can_proceed(home.reserve):
                raise UnitTaken(field_errors={"unit": [_("This home is no longer available.")]})
            if home.building.project.form != application.form:
                raise NotEntitled(_("This home is not of the household's form of guarantee (Art. 16(8))."),
                                  field_errors={"unit": [_("Choose a home of the household's form.")]})
            types = entitled_unit_types(policy.unit_types_by_household_size or {}, application.household_size)
            if home.unit_type not in types:
                raise NotEntitled(
                    _("A household of %(size)s persons may choose %(types)s; this home is a %(type)s (Art. 16(8)).")
                    % {"size": application.household_size, "type": home.get_unit_type_display(),
                       "types": ", ".join(str(dict(UnitType.choices).get(t, t)) for t in types) or "-"},
                    field_errors={"unit": [_("The household's size does not allow this type of home.")]})
            _check_employer_quota(application, policy.employer_quota_cap)

            def record(locked):
                if Selection.objects.filter(application=locked).exists():
                    raise StageNotAllowed()
                # The home is locked already (above, before the application); office_step locks it again, a no-op.
                reserved = office_step(actor=actor, obj=home, transition="reserve", duty="run_selection",
                                       expected_version=None, action="reserve_home", article="R-16.8c",
                                       summary=f"{home} → {locked.number}")
                Selection.objects.create(application=locked, unit=reserved, unit_designation=str(reserved)[:120],
                                         selected_on=selected_on, recorded_by=actor, holds=True, session=session,
                                         sign_by=selected_on + datetime.timedelta(days=policy.sign_within_days))
                return {"unit": str(reserved), "unit_id": reserved.pk, "selected_on": selected_on.isoformat()}

            done = take_step(actor=actor, application=application, step="record_selection",
                             expected_version=expected_version, record=record)
            if session is not None:
                SelectionSession.objects.filter(pk=session.pk, current_id=application.pk).update(current=None)
            return done
    except IntegrityError:
        # The partial unique constraint: another selection holds this home (the lock makes this the last guard).
        raise UnitTaken(field_errors={"unit": [_("This home is no longer available.")]})


# --- give-ups (SPEC §13) -----------------------------------------------------------------------------


def record_give_up(*, actor, application: Application, expected_version: int, kind: str,
                   note: str = "") -> Application:
    """SPEC §13: not present in its turn (弃选) or not signed in time (弃签): the household loses its place in this
    round, a held home goes back to the stock, and the give-up is counted against the applicant."""
    require_duty(actor=actor, step="give_up", application=application)
    if kind not in GiveUp.Kind.values:
        raise InvalidInput(_("Say which kind of give-up this is."), field_errors={"kind": [_("Choose one.")]})
    with transaction.atomic():
        held = Selection.objects.filter(application=application, holds=True).values_list("unit_id", flat=True).first()
        home = HousingUnit.objects.select_for_update().get(pk=held) if held else None

        def record(locked):
            GiveUp.objects.create(application=locked, applicant_id_number=locked.applicant_id_number.upper(),
                                  kind=kind, note=(note or "").strip(),
                                  recorded_by=actor if getattr(actor, "pk", None) else None)
            payload = {"kind": kind}
            selection = Selection.objects.filter(application=locked, holds=True).first()
            if selection is not None:
                selection.holds = False
                selection.save(update_fields=["holds"])
                if home is not None and can_proceed(home.release):
                    # SPEC §13: the scheduled job releases the home of a choice not signed in time (0020).
                    office_step(actor=actor, obj=home, transition="release", duty="run_selection",
                                expected_version=None, action="release_home", article="SPEC §13",
                                summary=f"{home} ← {locked.number}", data={"kind": kind})
                    payload["unit"] = str(home)
            SelectionSession.objects.filter(current_id=locked.pk).update(current=None)
            return payload

        return take_step(actor=actor, application=application, step="give_up", expected_version=expected_version,
                         reason=(note or "").strip() or str(GiveUp.Kind(kind).label), articles=["SPEC §13"],
                         record=record)


def why_not_offered(application: Application) -> tuple[str, str] | None:
    """R-16.8c, R-17: (reason code, the reason in the user's language) when no home can be offered to the household
    now — none of its form and of a type its size allows is left, or its employer's quota is used up; None when
    one can. Inside a transaction: the employer's row is locked as when a home is chosen (docs/decisions/0040)."""
    policy = selection_policy()
    if not homes_for(application, policy).exists():
        return NO_HOME, _("No available home of the household's form and of a type its size allows is left "
                          "(Art. 16(8)).")
    try:
        _check_employer_quota(application, policy.employer_quota_cap)
    except EmployerQuotaReached as exc:
        return EMPLOYER_QUOTA, str(exc.message)
    return None


def record_no_show(*, actor, session: SelectionSession, application: Application, expected_version: int,
                   note: str = "") -> Application:
    """SPEC §13 弃选: the called household did not come (or declined) in its turn. When no home could have been
    offered to it (its employer's quota or its homes used up) it is recorded as not offered instead, no give-up."""
    require_office_duty(actor, "run_selection", NotPermitted.default_message)
    if application.round_id != session.round_id or application.group != session.group:
        raise InvalidInput(_("This household is not on this session's list."))
    if Selection.objects.filter(application=application).exists():
        raise InvalidInput(_("This household has already chosen a home."))
    with transaction.atomic():
        why = why_not_offered(application)
        if why is not None:
            # R-16.8c, R-17: with no home left to offer it the household gave nothing up (docs/decisions/0040).
            return record_not_offered(actor=actor, session=session, application=application,
                                      expected_version=expected_version, why=why, note=note)
        return record_give_up(actor=actor, application=application, expected_version=expected_version,
                              kind=GiveUp.Kind.NO_SHOW, note=note)




def record_unsigned_give_ups(*, today: datetime.date | None = None) -> list[str]:
    """SPEC §13 弃签: every choice not signed by its day becomes a give-up. Idempotent: a give-up already recorded
    leaves the stage, so the selection no longer matches."""
    today = today or timezone.localdate()
    actor = SCHEDULED_JOB  # the deadline acts, not a clerk (docs/decisions/0013, 0016)
    done = []
    for selection in unsigned_selections(today):
        application = Application.objects.get(pk=selection.application_id)
        if application.stage != Stage.UNIT_SELECTED or GiveUp.objects.filter(application=application).exists():
            continue
        record_give_up(actor=actor, application=application, expected_version=application.version,
                       kind=GiveUp.Kind.NOT_SIGNED,
                       note=_("Not signed by %(day)s.") % {"day": selection.sign_by.isoformat()})
        done.append(application.number)
    return done


# --- intake (SPEC §13) -------------------------------------------------------------------------------


def check_give_up_limit(id_number: str, on: datetime.date | None = None) -> None:
    """SPEC §13: a person whose give-ups reached the limit is refused further rounds."""
    limit = selection_policy(on).give_up_limit
    count = give_up_count(id_number)
    if limit and count >= limit:
        raise GiveUpLimitReached(
            _("The applicant has given up selection or signing %(count)s times; after %(limit)s give-ups no further "
              "application is accepted.") % {"count": count, "limit": limit},
            field_errors={"members": [_("Give-up limit reached.")]})
