"""The applicant's status lookup (R-16.d, R-X.2): the number, the applicant's ID number and the receipt's lookup code
(docs/decisions/0028) give the stage in plain words, what to do next and any date to watch, nothing else; anything else gives one message."""

import datetime

import pytest
from django.urls import reverse

from housing.models import Application
from housing.stages import Stage
from publicity.online.status_texts import STATUS_TEXTS
from tests.factories import ApplicationFactory, MemberFactory, advance, make_id_number
from tests.support.publicity_online import english_client, in_notice, resident, text  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

URL = reverse("publicity:status_lookup")
NOT_FOUND = "No application matches this application number, ID number and lookup code"


def code_of(number) -> str:
    """The lookup code of the receipt; a made-up one for a number the portal does not have."""
    return Application.objects.filter(number=number.strip().upper()).values_list("lookup_code", flat=True).first() \
        or "ABCD-EFGH"


def look_up(client, number, id_number, code=None, **extra):
    return client.post(URL, {"application_number": number, "id_number": id_number,
                             "lookup_code": code_of(number) if code is None else code}, **extra)


def test_every_stage_has_its_plain_words():
    assert set(STATUS_TEXTS) == set(Stage.values)
    assert all(str(where) and str(next_step) for where, next_step in STATUS_TEXTS.values())


def test_the_applicant_sees_the_stage_what_to_do_next_and_the_notice_end(resident, in_notice):
    response = look_up(resident, in_notice.number, in_notice.applicant_id_number)
    shown = text(response)
    assert response.status_code == 200
    where, next_step = STATUS_TEXTS[Stage.PUBLIC_NOTICE]
    assert str(Stage.PUBLIC_NOTICE.label) in shown and str(where) in shown and str(next_step) in shown
    assert f"The public notice ends on {in_notice.notice_ends_on:%Y-%m-%d}" in shown


def test_it_shows_nothing_else_about_the_household_or_other_applications(resident, allocation_round):
    mine = advance(ApplicationFactory(round=allocation_round, c3=True, with_spouse=True), Stage.SUBSTANTIVE_REVIEW)
    other = ApplicationFactory(round=allocation_round, c3=True)
    response = look_up(resident, mine.number, mine.applicant_id_number)
    content = response.content.decode()
    assert str(STATUS_TEXTS[Stage.SUBSTANTIVE_REVIEW][1]) in text(response)
    members = [value for member in mine.members.all() for value in (member.name, member.id_number)]
    assert len(members) == 4  # the applicant and the spouse
    for secret in (mine.contact_phone, other.number, other.applicant_name, *members):
        assert secret not in content


def test_a_returned_application_shows_the_round_deadline(resident, application):
    returned = advance(application, Stage.RETURNED)
    shown = text(look_up(resident, returned.number, returned.applicant_id_number))
    deadline = returned.round.supply_notice.application_deadline
    assert str(STATUS_TEXTS[Stage.RETURNED][1]) in shown
    assert f"Applications to this round close on {deadline:%Y-%m-%d}" in shown


@pytest.mark.parametrize("mistake", ["wrong id", "other applicant's id", "unknown number", "no id"])
def test_a_mismatch_gives_one_message_and_never_echoes_the_id_number(resident, allocation_round, mistake):
    mine = ApplicationFactory(round=allocation_round)
    other = ApplicationFactory(round=allocation_round)
    number, id_number = {
        "wrong id": (mine.number, mine.applicant_id_number[:-2]
                     + ("11" if mine.applicant_id_number.endswith("00") else "00")),
        "other applicant's id": (mine.number, other.applicant_id_number),
        "unknown number": ("LH-2000-C3-999999", mine.applicant_id_number),
        "no id": (mine.number, ""),
    }[mistake]
    response = look_up(resident, number, id_number)
    content = response.content.decode()
    assert response.status_code == 200
    if id_number:
        assert NOT_FOUND in text(response)
        assert id_number not in content
    for secret in (mine.applicant_name, mine.applicant_id_number, str(STATUS_TEXTS[Stage.SUBMITTED][0])):
        assert secret not in content


def test_the_numbers_are_read_however_they_are_typed(resident, allocation_round):
    """An ID number whose check character is X, typed as x; the application number in lower case; spaces."""
    with_x = next(n for n in (make_id_number(birth=datetime.date(1991, 3, 4), order=o) for o in range(1000))
                  if n.endswith("X"))
    app = ApplicationFactory(round=allocation_round, members=[MemberFactory(id_number=with_x)])
    assert app.applicant_id_number == with_x
    shown = text(look_up(resident, f" {app.number.lower()} ", f" {with_x.lower()} "))
    assert str(STATUS_TEXTS[Stage.SUBMITTED][0]) in shown


def test_the_lookup_never_reads_the_address_bar_and_is_never_cached(resident, in_notice):
    by_get = resident.get(URL, {"application_number": in_notice.number, "id_number": in_notice.applicant_id_number})
    assert str(STATUS_TEXTS[Stage.PUBLIC_NOTICE][0]) not in text(by_get)
    by_post = look_up(resident, in_notice.number, in_notice.applicant_id_number)
    assert "no-store" in by_post["Cache-Control"] and "private" in by_post["Cache-Control"]
    assert 'method="post"' in by_get.content.decode()


def test_the_lookup_is_protected_against_cross_site_posts(in_notice):
    forged = english_client(enforce_csrf_checks=True)
    response = look_up(forged, in_notice.number, in_notice.applicant_id_number)
    assert response.status_code == 403


def test_failures_for_one_number_are_limited_from_any_address(resident, in_notice, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "status_number": (3, 3600)}
    for n in range(3):
        response = look_up(resident, in_notice.number, "110101199001010000", REMOTE_ADDR=f"10.0.0.{n}")
        assert response.status_code == 200
    blocked = look_up(resident, in_notice.number, "110101199001010000", REMOTE_ADDR="10.0.0.99")
    assert blocked.status_code == 429
    # Another number is not affected.
    assert look_up(resident, "LH-2000-C3-000001", "110101199001010000", REMOTE_ADDR="10.0.0.98").status_code == 200


def test_the_id_number_alone_is_not_enough(resident, in_notice):
    """decision 0028: a public notice half shows the ID number; the receipt's code is what no one else has."""
    wrong_code = "ZZZZ-ZZZZ" if in_notice.lookup_code != "ZZZZ-ZZZZ" else "YYYY-YYYY"
    assert NOT_FOUND in text(look_up(resident, in_notice.number, in_notice.applicant_id_number, wrong_code))
    without = text(look_up(resident, in_notice.number, in_notice.applicant_id_number, ""))
    assert "This field is required." in without and in_notice.get_stage_display() not in without
    typed = in_notice.lookup_code.replace("-", " ").lower()
    assert NOT_FOUND not in text(look_up(resident, in_notice.number, in_notice.applicant_id_number, typed))


def test_once_the_failures_reach_the_limit_even_the_right_answer_is_refused(resident, in_notice, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "status_number": (3, 3600)}
    for n in range(3):
        look_up(resident, in_notice.number, "110101199001010000", REMOTE_ADDR=f"10.0.1.{n}")
    right = look_up(resident, in_notice.number, in_notice.applicant_id_number, REMOTE_ADDR="10.0.1.50")
    assert right.status_code == 429 and in_notice.get_stage_display() not in text(right)


def test_every_application_has_its_own_code(allocation_round):
    codes = {ApplicationFactory(round=allocation_round).lookup_code for _ in range(20)}
    assert len(codes) == 20 and all(len(code) == 9 and code[4] == "-" for code in codes)
