"""What sending a proposed list to the CCB will do, stated before it is done (R-16.3, R-23.3): which
applications go onto the list in which order, which stay behind beyond the quotas, and that the ranking is
published on the public lottery page."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from housing.groups import Group
from housing.models import Application, Ranking
from housing.stages import Stage
from housing.web.confirmation import Confirmation


def propose_confirmation(ranking: Ranking) -> Confirmation:
    entries = list(ranking.entries.select_related("application"))
    proposed = sorted((e for e in entries if e.rank is not None and e.within_quota),
                      key=lambda e: (e.rank, e.employer_code))
    beyond = [e for e in entries if e.rank is not None and not e.within_quota]
    not_ranked = [e for e in entries if e.rank is None]
    eligible = sorted(Application.objects.filter(round_id=ranking.round_id, group=ranking.group,
                                                 stage=Stage.ELIGIBLE).values_list("pk", flat=True))
    label = Group(ranking.group).label
    return Confirmation(
        title=_("Send the proposed list to the CCB: %(group)s") % {"group": label},
        lead=ngettext("%(count)d application goes onto the proposed list in the order below, and the ranking is "
                      "published on the public lottery page. A list sent is not taken back.",
                      "%(count)d applications go onto the proposed list in the order below, and the ranking is "
                      "published on the public lottery page. A list sent is not taken back.",
                      len(proposed)) % {"count": len(proposed)},
        confirm_label=_("Confirm and send"),
        basis={"act": "propose", "ranking": ranking.pk, "sent": bool(ranking.proposed_at), "eligible": eligible,
               "entries": sorted([e.application_id, e.rank, e.within_quota] for e in entries)},
        facts=[(_("Round"), str(ranking.round)), (_("Applicant group"), label),
               (_("Lottery seed"), ranking.seed),
               (_("On the proposed list"), str(len(proposed))),
               (_("Ranked beyond the quotas (stay eligible)"), str(len(beyond))),
               (_("Not ranked"), str(len(not_ranked)))],
        consequences=[_("Applications beyond the quotas stay eligible and are not proposed.")],
        table_caption=_("The proposed list"), table_headers=[_("Rank"), _("Application"), _("Applicant")],
        table_rows=[[str(e.rank), e.application.number, e.application.applicant_name] for e in proposed])
