"""A ranking of one round's eligible applications of one group (SPEC §7: R-23.1–R-23.3, R-24, R-40).

One Ranking per draw of (round, group); its entries carry their queue (the employer's credit code
for the talent groups, R-23.2), so the talent queues of every employer live in one ranking.
Excluded applications are entries without a rank, with the reason (R-16.d).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from housing.groups import Group
from housing.rules.ranking import EARLIER_RULES, RULE

DEFAULT_RULE = _("Arts. 23 and 24 of the measures (the default ranking rule)")


class Ranking(models.Model):
    round = models.ForeignKey("housing.AllocationRound", verbose_name=_("allocation round"),
                              on_delete=models.PROTECT, related_name="rankings")
    group = models.CharField(_("applicant group"), max_length=30, choices=Group.choices)
    # fixed at the public draw and published with the result.
    seed = models.CharField(_("lottery seed"), max_length=200)
    # the unit's own published ranking rule, and the rule the portal applied.
    rule_text = models.TextField(_("the unit's published ranking rule"))
    rule_in_force = models.CharField(_("ranking rule applied"), max_length=200)

    def rule_applied(self) -> str:
        """The rule applied, in the page's language: 第二十三条、第二十四条（默认排序规则）/ Arts. 23 and 24 (…)."""
        if self.rule_in_force == RULE or self.rule_in_force in EARLIER_RULES:
            return str(DEFAULT_RULE)
        return self.rule_in_force
    method_zh = models.TextField(_("lottery method (Chinese)"))
    method_en = models.TextField(_("lottery method (English)"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("ranked at"), auto_now_add=True)
    # Set when the proposed list went to the CCB; a used ranking cannot be drawn again.
    proposed_at = models.DateTimeField(_("proposed list sent at"), null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    null=True, blank=True)
    # the proposed list is cut at the unit's quota and, for talents, at each
    # employer's quota; ranked applications beyond it stay eligible and are not proposed this round.
    unit_quota = models.PositiveIntegerField(_("the unit's quota (homes or subsidies)"), null=True, blank=True)
    employer_quota = models.PositiveIntegerField(_("quota of each employer"), null=True, blank=True)
    # shown on the public lottery page once published.
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        indexes = [models.Index(fields=["round", "group"], name="ranking_round_group")]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_group_display()} · {self.seed}"

    @property
    def is_used(self) -> bool:
        return self.proposed_at is not None or self.published


class RankingEntry(models.Model):
    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey("housing.Application", verbose_name=_("application"),
                                    on_delete=models.PROTECT, related_name="ranking_entries")
    # the queue of a talent application is its employer; blank for C1–C3.
    employer_code = models.CharField(_("employer (queue)"), max_length=18, blank=True)
    # None: excluded from the ranking for a missing fact (reason below).
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    lottery_key = models.CharField(_("lottery key"), max_length=64)
    honours = models.BooleanField(_("holds an honour (Art. 24)"), default=False)
    within_quota = models.BooleanField(_("within the quota"), default=True)
    excluded_reason_zh = models.TextField(blank=True)
    excluded_reason_en = models.TextField(blank=True)

    class Meta:
        ordering = ["ranking_id", "employer_code", "rank", "id"]
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        constraints = [
            models.UniqueConstraint(fields=["ranking", "application"], name="ranking_entry_once"),
            models.UniqueConstraint(fields=["ranking", "employer_code", "rank"], name="ranking_entry_rank_once"),
        ]
