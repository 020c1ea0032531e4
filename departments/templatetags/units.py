"""``{% official_name "ccb" %}``: how a unit signs a document issued to a resident (departments.models.official_name)."""

from django import template

from departments.models import official_name as _official_name

register = template.Library()


@register.simple_tag
def official_name(code: str) -> str:
    return _official_name(code)
