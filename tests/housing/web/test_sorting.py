"""Decision 0046: the sort helper turns only whitelisted columns into an order, always with a tie-breaker; its header
links toggle the direction and keep every other parameter; anything else falls back to the default."""

import pytest
from django.http import QueryDict

from housing.web.sorting import Column, Sorting

SORTS = Sorting(
    Column("number", "Number", ("number",)),
    Column("received", "Received", ("submitted_at",), first="desc"),
    Column("waiting", "Days waiting", ("-stage_changed_at",), first="desc"),
    default="-received",
)


@pytest.mark.parametrize("asked, value, order", [
    ("", "-received", ["-submitted_at", "-id"]),
    ("number", "number", ["number", "id"]),
    ("-number", "-number", ["-number", "-id"]),
    ("waiting", "waiting", ["-stage_changed_at", "id"]),
    ("-waiting", "-waiting", ["stage_changed_at", "-id"]),
    ("password", "-received", ["-submitted_at", "-id"]),  # not a column
    ("--number", "-received", ["-submitted_at", "-id"]),
    ("number;drop", "-received", ["-submitted_at", "-id"]),
    ("id", "-received", ["-submitted_at", "-id"]),  # the tie-breaker is no column of its own
])
def test_only_whitelisted_columns_sort_and_the_rest_fall_back(asked, value, order):
    sort = SORTS.read(QueryDict(f"sort={asked}"))
    assert (sort.value, sort.order_by) == (value, order)


def test_a_repeated_parameter_is_the_default():
    assert SORTS.read(QueryDict("sort=number&sort=-number")).value == "-received"


def test_the_headers_toggle_the_current_column_keep_the_filters_and_go_back_to_the_first_page():
    query = QueryDict("group=no_housing&stage=submitted&s=abc&page=4&sort=number")
    headers = SORTS.read(query).headers(query)
    number = QueryDict(headers["number"].url[1:])
    assert number["sort"] == "-number" and headers["number"].aria_sort == "ascending"
    assert (number["group"], number["stage"], number["s"]) == ("no_housing", "submitted", "abc")
    assert "page" not in number
    received = QueryDict(headers["received"].url[1:])
    assert received["sort"] == "-received" and headers["received"].aria_sort == "none"  # its first click: newest


def test_a_default_that_names_no_column_is_a_programming_error():
    with pytest.raises(ValueError):
        Sorting(Column("number", "Number", ("number",)), default="-rank")


def test_rows_in_memory_sort_like_the_database_with_the_missing_last():
    ranks = Sorting(Column("rank", "Rank", ("rank",), python_key=lambda r: r["rank"]), default="rank")
    rows = [{"rank": 2, "n": "b"}, {"rank": None, "n": "x"}, {"rank": 1, "n": "a"}, {"rank": 2, "n": "c"}]
    assert [r["n"] for r in ranks.read(QueryDict("sort=rank")).sort_rows(rows)] == ["a", "b", "c", "x"]
    assert [r["n"] for r in ranks.read(QueryDict("sort=-rank")).sort_rows(rows)] == ["b", "c", "a", "x"]
