"""The portal's own error pages (decision 0045): in the public site's layout under /public/, in the staff layout
elsewhere, each saying what happened and where to go. The 500 page is a static template: it needs neither the
database nor the request's user, which may be what failed."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

PUBLIC_PREFIX = "/public/"


def layout_of(request) -> str:
    return "publicity/base_public.html" if request.path.startswith(PUBLIC_PREFIX) else "base.html"


def _page(request, template: str, status: int, context: dict | None = None):
    public = request.path.startswith(PUBLIC_PREFIX)
    return render(request, template, {"layout": layout_of(request), "public": public, **(context or {})},
                  status=status)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _page(request, "404.html", 404)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _page(request, "403.html", 403)


@requires_csrf_token
def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render())

