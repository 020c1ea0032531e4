"""``{% article "R-16.6" %}``: an article as people cite it, in the page's language (第十六条第（六）项 / Art. 16(6)),
through the one helper (housing.cases.citations). Public pages never show a requirement id."""

from django import template

from housing.cases.citations import in_language

register = template.Library()


@register.simple_tag
def article(*rids: str) -> str:
    return in_language(list(rids))
