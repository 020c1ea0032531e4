"""Middleware of the whole portal.

R-X.4: Simplified Chinese unless the user chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language; a government system of
record answers in Chinese by default, whatever the browser was set up with (docs/decisions/0008).

R-X.5: a request whose path or query string holds a control character is refused before any view
runs (RefuseControlCharactersMiddleware).
"""

import re
from urllib.parse import unquote

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def chosen_language(request) -> str:
    """The language of the user's switch (the cookie), else the portal's default (Chinese)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    try:
        return translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
    except LookupError:
        return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers["Vary"] = ", ".join(filter(None, [response.headers.get("Vary"), "Cookie"]))
        return response


# C0 controls (NUL, tab, CR, LF …) and DEL: none belongs in a path or a query string. A NUL reaching PostgreSQL
# is a 500 ("A string literal cannot contain NUL"); the others only ever come from a forged or broken link.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def has_control_character(request) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return bool(CONTROL_CHARACTER.search(request.path_info) or CONTROL_CHARACTER.search(query)
                or CONTROL_CHARACTER.search(unquote(query.replace("+", " "), errors="replace")))


def request_language(request) -> str:
    """The public API's language: 'en' when Accept-Language prefers English over Chinese (housing/api/views.py)."""
    for tag, _q in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        tag = tag.lower()
        if tag.startswith("en"):
            return "en"
        if tag.startswith("zh") or tag == "*":
            break
    return "zh-hans"


class RefuseControlCharactersMiddleware:
    """A 400 in the user's language for a path or query string (percent-decoded) holding a control character,
    before sessions, the page cache, any view or any database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_character(request):
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request):
        language = chosen_language(request)
        with translation.override(language):
            if request.path_info.startswith("/api/"):  # the public API answers in its own JSON error shape
                with translation.override("zh-hans"):
                    zh = str(BAD_ADDRESS)
                with translation.override("en"):
                    en = str(BAD_ADDRESS)
                english = request_language(request) == "en"
                response = JsonResponse(
                    {"errors": [{"field": "", "message": en if english else zh, "message_zh": zh, "message_en": en}]},
                    status=400, json_dumps_params={"ensure_ascii": False})
                response["Content-Language"] = "en" if english else "zh-hans"
            else:
                public = request.path_info.startswith("/public/")  # a resident goes back to the public pages
                response = render(request, "400.html", {"reason": BAD_ADDRESS, "home": "/public/" if public else "/"},
                                  status=400)
        response["Content-Language"] = response.get("Content-Language", language)
        response["Cache-Control"] = "private, no-store"
        return response


BAD_ADDRESS = translation.gettext_lazy(
    "The address of this page contains a control character (such as %00) that no page of the portal accepts. "
    "Check the link, or start again from the home page.")
