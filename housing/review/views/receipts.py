"""The intake receipt (受理回执, R-12.2, R-16.2; decision 0044), printed at the counter on A4 and handed to the
applicant: what was received, what happens next, how to look up the status online."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from departments.permissions import can_register_application
from housing.cases.selectors import get_application_for_user_or_404
from housing.review.intake_selectors import receipt


@require_safe
def intake_receipt(request, number):
    """Only for staff who may see the application (the rules of its page: 404 outside them), and among them only
    the clerks who register applications (403)."""
    application = get_application_for_user_or_404(request.user, number)
    if not can_register_application(request.user):
        raise PermissionDenied
    chinese = (get_language() or "").startswith("zh")
    return render(request, "housing/intake_receipt.html", {
        "application": application,
        "receipt": receipt(application, chinese=chinese),
        "chinese": chinese,
        "status_page": request.build_absolute_uri(reverse("publicity:status_lookup")),
        "just_registered": request.GET.get("registered") == "1",
        "next_household": f"{reverse('housing:intake')}?after={application.number}",
    })
