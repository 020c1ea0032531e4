"""A list of things on one line, written as the reader's language writes it."""

from django.utils import translation


def in_a_line(items) -> str:
    """The 顿号 (、) between items in Chinese, a comma and a space in English."""
    chinese = (translation.get_language() or "").lower().startswith("zh")
    return ("、" if chinese else ", ").join(str(item) for item in items)
