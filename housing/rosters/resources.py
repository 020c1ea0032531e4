"""R-16.2, R-X.5: the django-import-export resource that writes a checked roster's households, and the dataset
it reads. The households have passed housing.rosters.columns (the cells) and intake's rules (the service)."""

import datetime

import tablib
from import_export import fields, resources, widgets

from housing.models import RosterHousehold
from housing.rosters.columns import Household

BATCH_SIZE = 1000  # households per INSERT (bulk mode)
HEADERS = ("key", "row", "applicant_name", "applicant_id_number", "form", "household_size", "data")


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def household_data(household: Household) -> dict:
    """What the roster keeps of a household: intake's members and facts, dates as ISO text (JSON), and the
    spreadsheet row of each member so a later refusal still names the row."""
    return {"members": [{k: _plain(v) for k, v in m.items()} for m in household.members],
            "facts": {k: _plain(v) for k, v in household.facts.items()}, "rows": household.rows}


def dataset_of(households: list[Household]) -> tablib.Dataset:
    data = tablib.Dataset(headers=list(HEADERS))
    for h in households:
        applicant = h.applicant
        data.append([h.key, h.rows[h.applicant_index], applicant["name"], applicant["id_number"], h.form,
                     sum(1 for m in h.members if m.get("applying", True) or m is applicant), household_data(h)])
    return data


class RosterHouseholdResource(resources.ModelResource):
    """One row per household of one roster: always a new RosterHousehold (a roster is never edited, only
    replaced by a new one), written with bulk_create in batches."""

    data = fields.Field(attribute="data", column_name="data", widget=widgets.Widget())

    class Meta:
        model = RosterHousehold
        fields = HEADERS
        import_id_fields = ("key",)
        force_init_instance = True
        skip_diff = True
        use_transactions = True
        use_bulk = True
        batch_size = BATCH_SIZE

    def __init__(self, *, roster):
        super().__init__()
        self.roster = roster

    def init_instance(self, row=None):
        return RosterHousehold(roster=self.roster)

    def before_save_instance(self, instance, row, **kwargs):
        # The roster was saved in this transaction and the keys checked unique on the whole file.
        instance.full_clean(exclude=["roster", "application"], validate_unique=False, validate_constraints=False)
