"""``{% load money %}``: ``{{ amount|yuan }}`` → 11,100.00 and ``{{ amount|capitals }}`` → 人民币壹万壹仟壹佰元整.

Presentation only: the amounts themselves come from the chapters' services and selectors."""

from django import template

from housing.web.money import in_capitals, with_separators

register = template.Library()


@register.filter
def yuan(value):
    """Empty for no amount, so that ``|default:"—"`` still applies."""
    if value is None or value == "":
        return ""
    try:
        return with_separators(value)
    except ValueError:
        return value


@register.filter
def capitals(value):
    if value is None or value == "":
        return ""
    try:
        return in_capitals(value)
    except ValueError:
        return ""
