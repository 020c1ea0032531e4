"""Monthly counters the statistics read (docs/decisions/0036): kept by each step in its own transaction, as the
stage counts are (docs/decisions/0004), so the oversight figures cost the same at 2,000 and at 200,000
applications. A recount from the history checks them (housing.statistics.counters_check)."""

from django.db import models

from housing.groups import Form, Group
from housing.stages import Stage

__all__ = ["StageMonthCount", "StageStayCount", "SubsidyMonthCount"]


class StageMonthCount(models.Model):
    """How many applications of a round, group and form entered a stage in a month (Asia/Shanghai): the history's
    rows whose stage changed, counted by the month of their time."""

    round = models.ForeignKey("housing.AllocationRound", on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=30, choices=Group.choices)
    form = models.CharField(max_length=20, choices=Form.choices)
    stage = models.CharField(max_length=30, choices=Stage.choices)
    month = models.DateField()  # the first day of the month
    entered = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "group", "form", "stage", "month"],
                                               name="uniq_stage_month_count")]
        indexes = [models.Index(fields=["month", "stage"], name="stage_month_count_month")]


class StageStayCount(models.Model):
    """Stays in a stage that has a period (SPEC §13), by the month (Asia/Shanghai) they ended and the days begun
    (a stay of 7 days exactly has begun 7 days, one a minute longer 8): a stay is longer than a period of N days
    when it began more than N days, whatever period the policy sets when the figure is read."""

    round = models.ForeignKey("housing.AllocationRound", on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=30, choices=Group.choices)
    form = models.CharField(max_length=20, choices=Form.choices)
    stage = models.CharField(max_length=30, choices=Stage.choices)
    month_left = models.DateField()
    days_begun = models.IntegerField()
    stays = models.IntegerField(default=0)
    total_days = models.FloatField(default=0)
    longest_days = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "group", "form", "stage", "month_left", "days_begun"],
                                               name="uniq_stage_stay_count")]
        indexes = [models.Index(fields=["month_left", "stage"], name="stage_stay_count_month")]


class SubsidyMonthCount(models.Model):
    """Subsidy payments of a month (R-8.2, R-25–R-27) per round and group: how many households (a subsidy is paid
    once a month) and how many yuan; kept as a batch is prepared and as a stop takes a payment out of it."""

    round = models.ForeignKey("housing.AllocationRound", on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=30, choices=Group.choices)
    month = models.DateField()
    payees = models.IntegerField(default=0)
    spend = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "group", "month"], name="uniq_subsidy_month_count")]
