"""R-16.d: a written notice (告知书) as issued, laid out for printing on A4 (docs/decisions/0032)."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from housing.cases.selectors import get_application_for_user_or_404
from housing.models import WrittenNotice
from housing.policy import policy_or_defaults
from publicity.masking import mask_id_number

# ?text=zh or ?text=en prints the notice in that language whatever the page's language (Chinese is the original).
TEXTS = {"zh": True, "en": False}


@require_safe
def written_notice(request, number, pk):
    """Only for staff who may see the application (the rules of its page); anyone else gets the 404 of a missing
    one. The ID number is printed masked as the policy in force on the day of issue masks it (R-16.4b)."""
    application = get_application_for_user_or_404(request.user, number)
    notice = get_object_or_404(WrittenNotice, pk=pk, application=application)
    chinese = TEXTS.get(request.GET.get("text", ""), (get_language() or "").startswith("zh"))
    text = notice.text_zh if chinese else notice.text_en
    masked = mask_id_number(notice.addressee_id_number, policy_or_defaults(notice.issued_on))
    return render(request, "housing/written_notice.html", {
        "application": application, "notice": notice, "text": text, "chinese": chinese,
        "addressee": notice.addressee_name, "masked_id_number": masked,
    })
