"""R-6, R-38: a change in the admin to the policy figures, a low-income line, an employer or a staff account keeps
its before/after values, and discipline inspection reads them on its page (docs/decisions/0042). Units and the
key-enterprise lists have no edit page in the admin; their changes elsewhere are kept the same way."""

import html
import re

import pytest
from django.urls import reverse

from departments.models import Unit
from housing.models import Employer, KeyEnterpriseListing, LowIncomeLine, PolicyVersion
from tests.factories.staff import staff

pytestmark = pytest.mark.django_db


def form_data(page: str) -> dict:
    """What the admin's change form would send unchanged: its inputs, selects and text areas."""
    data = {}
    for tag in re.finditer(r"<input[^>]*>", page):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))
        if "name" not in attrs or attrs.get("type") in ("submit", "button", "file"):
            continue
        if attrs.get("type") == "checkbox":
            if "checked" in tag.group(0):
                data[attrs["name"]] = "on"
            continue
        data[attrs["name"]] = html.unescape(attrs.get("value", ""))
    for select in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(2))
        if chosen:
            data[select.group(1)] = chosen if "multiple" in select.group(0) else chosen[0]
    for area in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[area.group(1)] = html.unescape(area.group(2)).lstrip("\n")
    return data


def change_in_admin(client, url: str, **changes):
    data = form_data(client.get(url).content.decode())
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(r'class="errorlist[^"]*">(.*?)</ul>', response.content.decode())


@pytest.fixture
def admin(as_user):
    return as_user(staff(None, "sysadmin", is_staff=True, is_superuser=True))


@pytest.fixture
def discipline(as_user):
    return as_user(staff("discipline", "reviewer"))


def history_page(client, record: str) -> str:
    return html.unescape(client.get(reverse("housing:reference_history"), {"record": record}).content.decode())


def test_a_policy_figure_changed_in_the_admin_shows_before_and_after(admin, discipline):
    policy = PolicyVersion.objects.order_by("effective_from").first()
    before = policy.give_up_limit
    change_in_admin(admin, f"/admin/housing/policyversion/{policy.pk}/change/", give_up_limit=str(before + 4))
    [last] = policy.history.order_by("-history_id")[:1]
    assert last.history_user.username == "none-sysadmin"
    page = history_page(discipline, "policy")
    row = re.search(r"give-ups before further rounds are refused</th><td>(\d+)</td><td>(\d+)</td>", page)
    assert row and row.groups() == (str(before), str(before + 4))
    assert "none-sysadmin" in page


def test_a_low_income_line_changed_in_the_admin_shows_before_and_after(admin, discipline):
    policy = PolicyVersion.objects.order_by("effective_from").first()
    line = LowIncomeLine.objects.create(policy=policy, year=2025, amount="30000.00")
    url = f"/admin/housing/policyversion/{policy.pk}/change/"
    data = form_data(admin.get(url).content.decode())
    key = next(k for k, v in data.items() if k.endswith("-id") and v == str(line.pk))
    change_in_admin(admin, url, **{key.removesuffix("-id") + "-amount": "31500.00"})
    page = history_page(discipline, "low_income_line")
    assert re.search(r"per-capita yearly income line \(yuan\)</th><td>30000.00</td><td>31500.00</td>", page)


def test_an_employer_changed_in_the_admin_shows_before_and_after(admin, discipline):
    employer = Employer.objects.create(name="龙华精密制造有限公司", credit_code="91440300MA5F000001",
                                       kind=Employer.Kind.ENTERPRISE)
    change_in_admin(admin, f"/admin/housing/employer/{employer.pk}/change/", name="龙华精密科技有限公司")
    page = history_page(discipline, "employer")
    assert re.search(r"name</th><td>龙华精密制造有限公司</td><td>龙华精密科技有限公司</td>", page)
    assert "created" in page and "changed" in page


def test_a_staff_accounts_roles_changed_in_the_admin_show_before_and_after_without_the_password(admin, discipline):
    clerk = staff("ccb", "clerk")
    data = {"roles": '["clerk", "reviewer"]'}
    change_in_admin(admin, f"/admin/departments/staffuser/{clerk.pk}/change/", **data)
    page = history_page(discipline, "staff")
    assert re.search(r"roles</th><td>\['clerk'\]</td><td>\['clerk', 'reviewer'\]</td>", page), page[:3000]
    assert "pbkdf2" not in page and "argon2" not in page and "password" not in page.lower().split("passwords")[0][-200:]


def test_units_and_key_enterprise_lists_changed_elsewhere_are_kept_too(discipline):
    unit = Unit.objects.get(code="finance")
    old = unit.name_en
    unit.name_en = "Development and Finance Bureau"
    unit.save()
    employer = Employer.objects.create(name="深圳龙华电子", credit_code="91440300MA5F000002",
                                       kind=Employer.Kind.ENTERPRISE)
    listing = KeyEnterpriseListing.objects.create(employer=employer, year=2025)
    listing.year = 2026
    listing.save()
    page = history_page(discipline, "unit")
    assert f"<td>{old}</td><td>Development and Finance Bureau</td>" in page
    assert re.search(r"year of the list</th><td>2025</td><td>2026</td>", history_page(discipline, "key_enterprise"))
