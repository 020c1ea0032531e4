"""What each stage means for the applicant, and what to do next, in plain words (R-16.d; the status lookup).

One entry per stage of SPEC §5 (housing.stages.Stage); a test checks none is missing. The texts say what
happens and what the applicant can do, never why a particular decision was taken: the written notice the
applicant receives carries the reasons and the articles.
"""

from django.utils.translation import gettext_lazy as _

from housing.stages import Stage

# stage -> (where the application is, what to do next)
STATUS_TEXTS = {
    Stage.SUBMITTED: (
        _("Received. The City Construction Bureau is checking that your materials are complete."),
        _("Nothing to do for now. If something is missing, the application is returned to you with a list of what "
          "to hand in."),
    ),
    Stage.RETURNED: (
        _("Returned for supplement: materials are missing or incomplete."),
        _("Hand in the missing materials at the City Construction Bureau's service window. The notice you received "
          "lists them."),
    ),
    Stage.SUBSTANTIVE_REVIEW: (
        _("Your materials are complete. The department responsible for your applicant group is checking whether "
          "you meet the conditions."),
        _("Nothing to do for now. Keep your telephone reachable in case the department asks for more information."),
    ),
    Stage.ELIGIBLE: (
        _("You meet the conditions. Your application will be ranked with the others of your group."),
        _("Nothing to do for now."),
    ),
    Stage.PROPOSED: (
        _("You are on the proposed list. The facts of your application are being verified with other agencies."),
        _("Nothing to do for now."),
    ),
    Stage.RECHECKED: (
        _("The facts of your application were confirmed. It will be published in a public notice."),
        _("Nothing to do for now. Watch the notices page for the public notice of your group."),
    ),
    Stage.PUBLIC_NOTICE: (
        _("Your application is published in a public notice. Anyone may object during the notice period."),
        _("Nothing to do for now. After the notice period the final list is announced."),
    ),
    Stage.FROZEN: (
        _("An objection was filed concerning your application. The responsible department is investigating it; "
          "your application waits until it is decided."),
        _("Answer the department if it contacts you. You will be told the outcome."),
    ),
    Stage.ANNOUNCED: (
        _("Your application is on the announced final list."),
        _("Wait for your selection notice, or for the start of your subsidy, which follows the announcement."),
    ),
    Stage.SELECTION: (
        _("You are invited to select your home."),
        _("Come to the selection at the time and place given in your selection notice, with your ID card."),
    ),
    Stage.UNIT_SELECTED: (
        _("Your choice of home has been recorded."),
        _("Sign the contract with the property owner as your notice says."),
    ),
    Stage.CONTRACTED: (
        _("Your contract has been signed."),
        _("Nothing to do: the City Construction Bureau files the contract."),
    ),
    Stage.FILED: (
        _("Your contract has been filed. The allocation is complete."),
        _("Nothing more to do for this application."),
    ),
    Stage.SUBSIDY_RUNNING: (
        _("Your housing subsidy is being paid monthly."),
        _("Tell the City Construction Bureau at once if your housing or household situation changes."),
    ),
    Stage.REFUSED: (
        _("Your application was refused."),
        _("The written notice you received gives the reason and the article it rests on. Contact the City "
          "Construction Bureau if you have questions about it."),
    ),
    Stage.REMOVED_AT_RECHECK: (
        _("Your application was removed from the list at recheck."),
        _("The written notice you received gives the reason and the article it rests on. Contact the City "
          "Construction Bureau if you have questions about it."),
    ),
    Stage.REMOVED_ON_OBJECTION: (
        _("Your application was removed from the list after an objection was upheld."),
        _("The written notice you received gives the reason. Contact the responsible department if you have "
          "questions about it."),
    ),
    Stage.WITHDRAWN: (
        _("Your application was withdrawn at your request."),
        _("Nothing more to do for this application. You may apply again in a later round."),
    ),
    Stage.GAVE_UP: (
        _("You did not select a home in your turn, or did not sign the contract in time: you have given up your "
          "place in this round (弃选 / 弃签), and the next household moved up."),
        _("You may apply again in a later round. Give-ups are counted: after the number set in the policy, no "
          "further application is accepted."),
    ),
}

# Which date the applicant must watch at this stage, by name of the fact that holds it.
DEADLINE_LABELS = {
    "notice_ends_on": _("The public notice ends on"),
    "application_deadline": _("Applications to this round close on"),
}
DEADLINE_OF_STAGE = {
    Stage.PUBLIC_NOTICE: "notice_ends_on",
    Stage.FROZEN: "notice_ends_on",
    Stage.RETURNED: "application_deadline",
}

# An inquiry's state as its asker reads it, by "answered".
INQUIRY_STATUS = {False: _("Awaiting an answer"), True: _("Answered")}
