"""``{{ row.articles|cite }}``: the articles a record rests on, as people cite them in the page's language."""

from django import template

from housing.cases.citations import in_language

register = template.Library()


@register.filter
def cite(value, group: str = "") -> str:
    """One R-id, a list of R-ids, or free text with R-ids in it → 第十六条第（八）项 / Art. 16(8); "" for nothing."""
    return in_language(value, group)
