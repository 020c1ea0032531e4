"""`/`: a signed-in member of staff gets the work queue; a visitor without a session a small landing page that
leads to the public site and to the staff sign-in (decision 0045). An employer's sign-in is sent to its own pages
before this view runs (housing.rosters.middleware)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from housing.desk.views.queue import work_queue


@login_not_required
@require_GET
def home(request):
    if request.user.is_authenticated:
        return work_queue(request)
    return render(request, "housing/landing.html")
