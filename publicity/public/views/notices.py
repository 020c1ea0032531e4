"""The public pages residents read (R-16.1, R-16.4, R-16.7, R-13, R-35, R-37): anonymous, GET only.

Every page is built from publicity.public.selectors (masked rows only) and is cached whole by
publicity.cache (docs/decisions/0012); nothing on them is per visitor, so none carries a form that
posts, a CSRF token or the user.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_safe

from publicity.public import exports
from publicity.public import selectors as public
from publicity.cache import public_page
from publicity.public.forms.notice_search import NoticeSearchForm

PER_PAGE = 50
ANNOUNCEMENTS_ON_HOME = 20


def _page(request, rows: list):
    """The requested page of ``rows``; a page that does not exist is a 404, never a cached copy of page 1."""
    try:
        return Paginator(rows, PER_PAGE).page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page")


def objection_url(pk: int) -> str:
    """The online objection form of the notice (R-16.6), kept by the objection pages."""
    try:
        return reverse("publicity:objection_file", args=[pk])
    except NoReverseMatch:
        return f"/public/notices/{pk}/objections/new/"


@public_page()
def home(request):
    return render(request, "publicity/home.html", {
        "supply_notices": public.open_supply_notices(),
        "notices": public.current_notices(),
        "announcements": public.announcements(limit=ANNOUNCEMENTS_ON_HOME),
        "today": timezone.localdate(),
    })


@login_not_required
@require_safe
def choose_language(request, code: str):
    """R-X.4: a plain link switches the language (docs/decisions/0008, 0012): the public pages then need
    no form and no CSRF token, and stay the same for every visitor of a language."""
    target = request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("publicity:home")
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES) and check_for_language(code):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@public_page()
def supply_notice_detail(request, pk: int):
    return render(request, "publicity/supply_notice.html", {"notice": public.get_supply_notice(pk)})


def _list_page(request, notice, entries, *, template: str, export_name: str):
    form = NoticeSearchForm(request.GET if any(f in request.GET for f in NoticeSearchForm.FIELDS) else None)
    shown = public.filter_entries(entries, **form.filters())
    page = _page(request, shown)
    today = timezone.localdate()
    return render(request, template, {
        "notice": notice, "form": form, "page": page, "total": len(entries), "found": len(shown),
        "searching": form.is_bound and form.is_search(),
        "employers": public.employers_on(entries), "today": today,
        "accepts_objections": notice.accepts_objections(today),
        "objection_url": objection_url(notice.pk),
        "csv_url": reverse(export_name, args=[notice.pk, "csv"]),
        "xlsx_url": reverse(export_name, args=[notice.pk, "xlsx"]),
    })


@public_page(cache_params=("page",))
def notice_detail(request, pk: int):
    """R-16.4a: the list in public notice, with its period and how to object or ask."""
    notice = public.get_notice(pk)
    return _list_page(request, notice, public.notice_entries(notice), template="publicity/notice_detail.html",
                      export_name="publicity:notice_export")


@public_page(cache_params=("page",))
def announcement_detail(request, pk: int):
    """R-16.7: the final list, dated, as announced."""
    notice = public.get_announcement(pk)
    return _list_page(request, notice, public.announced_entries(notice), template="publicity/announcement.html",
                      export_name="publicity:announcement_export")


@public_page(cache_params=("page",))
def announcement_list(request):
    return render(request, "publicity/announcement_list.html", {"page": _page(request, public.announcements())})


def _download(notice, entries, fmt: str, stem: str) -> HttpResponse:
    if fmt not in exports.CONTENT_TYPES:
        raise Http404("No such format")
    response = HttpResponse(exports.export(notice, entries, fmt), content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}-{notice.pk}.{fmt}"'
    return response


@public_page()
def notice_export(request, pk: int, fmt: str):
    notice = public.get_notice(pk)
    return _download(notice, public.notice_entries(notice), fmt, "notice")


@public_page()
def announcement_export(request, pk: int, fmt: str):
    notice = public.get_announcement(pk)
    return _download(notice, public.announced_entries(notice), fmt, "announcement")


@public_page()
def key_enterprise_list(request, year: int | None = None):
    """R-13: the key-enterprise list of each year."""
    years = public.key_enterprise_years()
    if year is None:
        year = years[0] if years else None
    elif year not in years:
        raise Http404("No key-enterprise list for this year")
    return render(request, "publicity/key_enterprises.html", {
        "years": years, "year": year, "enterprises": public.key_enterprises(year) if year else [],
    })


@public_page(cache_params=("page",))
def register(request):
    """R-35, R-37: the bad-behaviour register; persons masked, employers by name and credit code."""
    return render(request, "publicity/register.html", {"page": _page(request, public.register_rows()),
                                                       "today": timezone.localdate()})
