"""R-27, R-39.6: the route a talent qualified by decides the Art. 27 amount; a title counts only with a recognised
basis (docs/decisions/0041)."""

from decimal import Decimal

import pytest

from housing.rules.subsidy import TALENT_MONTHLY_SUBSIDY, talent_monthly_subsidy
from housing.rules.talent_route import Route, qualifying_route, route_amount


@pytest.mark.parametrize("title, basis, degree, full_time, foreign, route, amount", [
    # Art. 27(1), (2): a senior title by each recognised route of Art. 39(6)
    ("full_senior", "national_exam", "", None, None, Route("title", "full_senior"), "2500.00"),
    ("full_senior", "guangdong_certificate", "master", True, None, Route("title", "full_senior"), "2500.00"),
    ("deputy_senior", "senior_technician", "bachelor", True, None, Route("title", "deputy_senior"), "2000.00"),
    # a title with no recognised basis does not count: the degree decides (before: 2,000 at start and in the batch)
    ("deputy_senior", "", "master", True, None, Route("degree", "master"), "1000.00"),
    ("full_senior", None, "doctorate", True, None, Route("degree", "doctorate"), "1500.00"),
    ("deputy_senior", "other", "bachelor", None, None, Route("degree", "bachelor"), "500.00"),
    # Art. 27(3)–(5): by degree
    ("", "", "doctorate", True, None, Route("degree", "doctorate"), "1500.00"),
    ("", "", "master", True, True, Route("degree", "master"), "1000.00"),
    ("", "", "bachelor", True, None, Route("degree", "bachelor"), "500.00"),
    # no route: in-service study, an uncertified foreign degree, a title without basis and no degree
    ("", "", "master", False, None, None, None),
    ("", "", "doctorate", True, False, None, None),
    ("deputy_senior", "", "", None, None, None, None),
])
def test_each_route_and_its_amount(title, basis, degree, full_time, foreign, route, amount):
    found = qualifying_route(title=title, title_basis=basis, degree=degree, full_time=full_time,
                             foreign_degree_certified=foreign)
    assert found == route
    assert route_amount(found, TALENT_MONTHLY_SUBSIDY) == (None if amount is None else Decimal(amount))
    if foreign is not False:  # the demo's helper knows no foreign degrees
        assert talent_monthly_subsidy(title=title, degree=degree, title_basis=basis, full_time=full_time) == (
            None if amount is None else Decimal(amount))


def test_the_route_is_cited_by_its_item_of_art_27():
    assert [Route("title", k).article for k in ("full_senior", "deputy_senior")] == ["Art. 27(1)", "Art. 27(2)"]
    assert Route("degree", "bachelor").article == "Art. 27(5)"
