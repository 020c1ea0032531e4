"""Adding and removing a person of the household without JavaScript (decision 0044).

"Add a person" and "Remove" are submit buttons of the intake form: the page comes back with everything entered
kept, one row more or less, and no error shown yet (nothing was submitted for registration). With JavaScript
the same rows are added and removed in place (static/js/intake-household.js) and these are not used.
"""

import re

from django.forms.utils import ErrorDict

from housing.models import Relation
from housing.review.forms.intake import MAX_MEMBERS

PREFIX = "members"
ROW_KEY = re.compile(rf"^{PREFIX}-(\d+)-(.+)$")
TOTAL = f"{PREFIX}-TOTAL_FORMS"


def _rows(data) -> int:
    try:
        return max(int(data.get(TOTAL, "1")), 1)
    except ValueError:
        return 1


def new_person_relation(data, rows: int) -> str:
    """The relation a new row starts with: the spouse if the household has none yet, else a child."""
    relations = {data.get(f"{PREFIX}-{i}-relation") for i in range(rows)}
    return Relation.CHILD if Relation.SPOUSE in relations else Relation.SPOUSE


def with_person_added(data):
    """A copy of the posted ``data`` with one more (co-applying) person, up to MAX_MEMBERS."""
    data = data.copy()
    rows = _rows(data)
    if rows < MAX_MEMBERS:
        data[f"{PREFIX}-{rows}-relation"] = new_person_relation(data, rows)
        data[f"{PREFIX}-{rows}-applying"] = "on"
        data[TOTAL] = str(rows + 1)
    return data


def with_person_removed(data, index: int):
    """A copy of the posted ``data`` without row ``index`` (never the first row, the applicant's); the rows after
    it move up one."""
    rows = _rows(data)
    if not 0 < index < rows:
        return data.copy()
    kept = data.copy()
    for key in list(kept.keys()):
        if ROW_KEY.match(key):
            del kept[key]
    for key in data.keys():
        match = ROW_KEY.match(key)
        if not match:
            continue
        row, name = int(match.group(1)), match.group(2)
        if row == index:
            continue
        kept.setlist(f"{PREFIX}-{row - 1 if row > index else row}-{name}", data.getlist(key))
    kept[TOTAL] = str(rows - 1)
    return kept


def shown_without_errors(form, formset) -> None:
    """Show what was entered as it was entered, without validating it: the clerk only changed the rows."""
    form._errors = ErrorDict()
    form.cleaned_data = {}
    formset._errors = [ErrorDict() for _form in formset.forms]
    formset._non_form_errors = formset.error_class()
    for member in formset.forms:
        member._errors = ErrorDict()
        member.cleaned_data = {}
