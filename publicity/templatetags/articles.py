"""``{% article "R-16.6" %}``: an article as people cite it, in the page's language (第十六条第（六）项 / Art. 16(6)),
through the one helper (housing.cases.citations). Public pages never show a requirement id."""

from django import template
from django.utils.translation import get_language

from housing.cases.citations import cite_all

register = template.Library()


@register.simple_tag
def article(*rids: str) -> str:
    zh, en = cite_all(rids)
    chinese = (get_language() or "").startswith("zh")
    return "、".join(zh) if chinese else ", ".join(en)
