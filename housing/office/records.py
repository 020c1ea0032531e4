"""The record a staff action was taken on, named as people name it (R-6, R-38): the application or contract number,
the batch's month, the plan's year, the home's address — never the table and row number the log stores."""

from collections import defaultdict

from django.apps import apps
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def _month(value) -> str:
    return value.strftime("%Y-%m") if value else ""


# Records whose own name carries a resident ID number: named by the day they were found, never by the number.
NAMED_BY_DAY = {"flaggedset": "found_on", "person": "created_at"}


def _own_name(obj) -> str:
    """What the record is called: its number, its month or year, its own name, or the application it serves."""
    day_field = NAMED_BY_DAY.get(obj._meta.model_name)
    if day_field:
        day = getattr(obj, day_field, None)
        return day.strftime("%Y-%m-%d") if day else ""
    for path in ("number", "contract.number", "tenancy.contract.number", "application.number",
                 "subsidy.application.number"):
        value = obj
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if value:
            return str(value)
    if getattr(obj, "month", None):
        return _month(obj.month)
    if type(obj).__str__ is not models.Model.__str__:
        return str(obj)
    if getattr(obj, "year", None):
        return str(obj.year)
    return ""


RELATED = ("contract", "tenancy__contract", "application", "subsidy__application", "building__project", "unit")


def _model(object_type: str):
    for app in ("housing", "publicity"):
        try:
            return apps.get_model(app, object_type)
        except LookupError:
            continue
    return None


def _has_path(model, path: str) -> bool:
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:
            return False
        if not field.is_relation or field.many_to_many or field.one_to_many:
            return False
        model = field.related_model
    return True


def name_records(rows) -> None:
    """Set ``row.record_kind`` and ``row.record_name`` on each staff action of ``rows``, one query per kind of
    record shown."""
    wanted = defaultdict(set)
    for row in rows:
        wanted[row.object_type].add(row.object_id)
    found = {}
    for object_type, ids in wanted.items():
        model = _model(object_type)
        if model is None:
            continue
        related = [path for path in RELATED if _has_path(model, path)]
        objects = model._base_manager.select_related(*related).in_bulk([i for i in ids if str(i).isdigit()])
        found[object_type] = (model._meta.verbose_name, {str(pk): obj for pk, obj in objects.items()})
    for row in rows:
        kind, objects = found.get(row.object_type, (_("Record"), {}))
        obj = objects.get(str(row.object_id))
        row.record_kind = capfirst(str(kind))
        row.record_name = _own_name(obj) if obj is not None else ""
