"""R-16.d: what each step means for the applicant, in plain words (the words of housing.events.ABOUT)."""

from django.utils import translation
from django.utils.functional import Promise

from housing.events import ABOUT

PLAIN_WORDS = {event.value: about.words for event, about in ABOUT.items() if about.words is not None}


def in_both_languages(template: Promise, context: dict) -> tuple[str, str]:
    """The message in Simplified Chinese and in English (both are stored with the notice)."""
    out = []
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            out.append(str(template) % context)
    return out[0], out[1]


def plain_words(event: str, context: dict) -> tuple[str, str]:
    """The applicant's notice of one history event; empty when the event tells the applicant nothing by itself."""
    template = PLAIN_WORDS.get(event)
    if template is None:
        return "", ""
    return in_both_languages(template, context)
