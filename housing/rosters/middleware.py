"""R-9–11, R-16.8, R-X.2: an employer's sign-in reaches its own roster pages and nothing of the staff portal.

Every staff URL answers it 403 (the work queue, where the sign-in lands, sends it to its own page instead); the
public pages, the language switch and the sign-out stay open. Its own pages check the account again
(housing.rosters.views.employer), so a page added to the staff site later is refused by default."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from departments.permissions import is_employer

EMPLOYER_PAGES = frozenset({
    "housing:employer_home", "housing:employer_template", "housing:employer_roster_upload",
    "housing:employer_roster_preview", "housing:employer_roster_detail",
})
OPEN_TO_EVERYONE = frozenset({"departments:logout", "departments:login", "set_language", "health"})
OPEN_PREFIXES = ("/public/", "/static/")


class EmployerPagesOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_employer(getattr(request, "user", None)) and not request.path.startswith(OPEN_PREFIXES):
            try:
                match = resolve(request.path_info)
                name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
            except Resolver404:
                name = None
            if name == "housing:work_queue":
                return redirect("housing:employer_home")
            if name not in EMPLOYER_PAGES and name not in OPEN_TO_EVERYONE:
                raise PermissionDenied
        return self.get_response(request)
