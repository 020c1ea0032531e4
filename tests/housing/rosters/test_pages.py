"""R-9–11, R-16.8, R-X.2: who opens which roster page. An employer reaches its own pages only — every staff URL
refuses it, another employer's roster answers 404 — a talent unit its own group's rosters, anonymous nobody."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation

from housing.groups import Group
from housing.models import Application, Roster
from housing.rosters.middleware import EMPLOYER_PAGES
from housing.sanctions.services import record_sanction
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, advance, make_credit_code, staff
from tests.factories.rosters import as_xlsx, employer_account, roster_table, submitted_roster

pytestmark = pytest.mark.django_db
SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000",
          "number": "LH-2026-C4-000001"}


@pytest.fixture
def c4(client):
    account = employer_account(Group.INSTITUTION_TALENT)
    client.force_login(account.user)
    client.cookies["django_language"] = "en"
    return account


@pytest.fixture
def roster(c4):
    return submitted_roster(c4, AllocationRoundFactory(), 2)


def staff_urls():
    """One sample path for every URL of the staff site (namespace "housing"), placeholders for its arguments."""
    urls = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace == "housing":
                route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE[m.group(1) or "str"], prefix + str(p.pattern))
                urls.append((f"housing:{p.name}", "/" + route))

    walk(get_resolver().url_patterns, "", None)
    for name, path in urls:
        assert resolve(path).url_name == name.split(":")[1], path  # each sample reaches its own view
    return urls


def test_every_staff_url_refuses_an_employer(client, c4):
    urls = staff_urls()
    assert len(urls) > 100
    for name, path in urls:
        if name in EMPLOYER_PAGES:
            continue
        response = client.get(path)
        if name == "housing:work_queue":  # where a sign-in lands: sent to its own page
            assert response.status_code == 302 and response["Location"] == reverse("housing:employer_home")
        else:
            assert response.status_code == 403, f"{name} {path} answers {response.status_code} to an employer"
        assert client.post(path).status_code in (302, 403), name
    for path in ("/admin/", "/api/v1/", "/accounts/second-factor/"):
        assert client.get(path).status_code == 403, path


def test_the_employer_sees_its_own_pages(client, c4, roster):
    home = client.get(reverse("housing:employer_home"))
    assert home.status_code == 200 and c4.employer.name in home.content.decode()
    assert roster.number in home.content.decode()
    page = client.get(reverse("housing:employer_roster_detail", args=[roster.number])).content.decode()
    entry = roster.entries.first()
    assert entry.applicant_name in page
    assert entry.applicant_id_number not in page  # masked
    assert entry.applicant_id_number[:6] in page
    assert "Work queue" not in home.content.decode()  # the staff header is not shown
    assert client.get(reverse("housing:employer_template", args=["pdf"])).status_code == 404
    for fmt in ("xlsx", "csv"):
        assert client.get(reverse("housing:employer_template", args=[fmt])).status_code == 200


def test_another_employer_gets_404_for_the_roster(client, roster):
    assert client.get(reverse("housing:employer_roster_detail", args=[roster.number])).status_code == 200
    other = employer_account(Group.INSTITUTION_TALENT)
    client.force_login(other.user)
    assert client.get(reverse("housing:employer_roster_detail", args=[roster.number])).status_code == 404
    assert roster.number not in client.get(reverse("housing:employer_home")).content.decode()


def test_anonymous_is_sent_to_sign_in(client, roster):
    client.logout()
    for url in (reverse("housing:employer_home"), reverse("housing:employer_roster_detail", args=[roster.number]),
                reverse("housing:roster_list"), reverse("housing:roster_detail", args=[roster.number]),
                reverse("housing:employer_accounts")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("unit, role", [("ccb", "clerk"), ("org_personnel", "reviewer"), ("discipline", "reviewer")])
def test_staff_do_not_open_the_employers_pages(client, roster, unit, role):
    client.force_login(staff(unit, role))
    assert client.get(reverse("housing:employer_home")).status_code == 403
    assert client.get(reverse("housing:employer_roster_detail", args=[roster.number])).status_code == 403
    assert client.get(reverse("housing:employer_roster_upload")).status_code == 403


def test_the_responsible_unit_reads_and_accepts_another_unit_gets_404(client, roster):
    client.force_login(staff("econ_services", "reviewer"))
    assert client.get(reverse("housing:roster_detail", args=[roster.number])).status_code == 404
    assert client.post(reverse("housing:roster_detail", args=[roster.number]),
                       {"decision": "accept", "version": roster.version}).status_code == 404
    client.force_login(staff("ccb", "head"))
    assert client.get(reverse("housing:roster_list")).status_code == 403
    client.force_login(staff("org_personnel", "clerk"))  # reads its unit's rosters, decides nothing
    page = client.get(reverse("housing:roster_detail", args=[roster.number]))
    assert page.status_code == 200 and 'value="accept"' not in page.content.decode()
    assert client.post(reverse("housing:roster_detail", args=[roster.number]),
                       {"decision": "accept", "version": roster.version}).status_code == 403
    client.force_login(staff("org_personnel", "reviewer"))
    response = client.post(reverse("housing:roster_detail", args=[roster.number]),
                           {"decision": "accept", "version": roster.version})
    assert response.status_code == 302
    assert Roster.objects.get(pk=roster.pk).status == Roster.Status.ACCEPTED
    assert Application.objects.filter(roster_entry__roster=roster).count() == 2


def test_the_upload_page_previews_names_problems_and_confirms(client, c4):
    round_ = AllocationRoundFactory()
    table = roster_table(2)
    table[2][6] = "月球"
    upload = client.post(reverse("housing:employer_roster_upload"), {
        "round": round_.pk, "file": _file(as_xlsx(table))})
    assert upload.status_code == 302
    preview = client.get(upload["Location"])
    assert preview.status_code == 400 and "Row 3, column “hukou”" in preview.content.decode()
    upload = client.post(reverse("housing:employer_roster_upload"), {
        "round": round_.pk, "file": _file(as_xlsx(roster_table(2)))})
    preview = client.get(upload["Location"])
    assert preview.status_code == 200
    sha = preview.context["report"].sha256
    done = client.post(upload["Location"], {"sha256": sha})
    assert done.status_code == 302 and Roster.objects.filter(employer=c4.employer).count() == 1


def test_the_unit_opens_an_account_from_its_page(client):
    client.force_login(staff("public_affairs", "reviewer"))
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        response = client.post(reverse("housing:employer_accounts"), {
            "credit_code": "91440300MA5DXXXX0X", "employer_name": "", "kind": "ecw_institution",
            "username": "", "password": "x"})
    assert response.status_code == 400
    response = client.post(reverse("housing:employer_accounts"), {
        "credit_code": make_credit_code(910_000), "employer_name": "龙华区中心医院", "kind": "ecw_institution",
        "username": "hospital2", "password": "Employer-test-2026!"})
    assert response.status_code == 302
    page = client.get(reverse("housing:employer_accounts")).content.decode()
    assert "hospital2" in page


def _file(content: bytes):
    return SimpleUploadedFile("roster.xlsx", content,
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_a_refused_acceptance_names_the_rows_on_the_page(client, roster):
    entry = roster.entries.order_by("row").last()
    refused = advance(ApplicationFactory(members=[{"relation": "applicant", "name": "孙八",
                                                   "id_number": entry.applicant_id_number, "applying": True}]),
                      Stage.REFUSED)
    record_sanction(actor=staff("ccb", "head"), ground="R-36.1", facts="隐瞒名下房产", application=refused)
    client.force_login(staff("org_personnel", "reviewer"))
    response = client.post(reverse("housing:roster_detail", args=[roster.number]),
                           {"decision": "accept", "version": roster.version})
    page = response.content.decode()
    assert response.status_code == 400
    assert f"Row {entry.row}, column “ID number”" in page and "barred" in page
    assert Roster.objects.get(pk=roster.pk).status == Roster.Status.SUBMITTED
