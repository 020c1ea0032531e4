"""URLs of the annual cycle (SPEC §4): demand reports, missed deadlines, supply plans, quotas, employer quotas;
the rounds opened under an approved plan, their public notices and announcements (R-15.4, R-16.4, R-16.7)."""

from django.urls import path

from housing.plan.views import cycle as plan
from housing.plan.views import rounds

urlpatterns = [
    path("plan/demand/", plan.demand_overview, name="demand_overview"),
    path("plan/demand/report/", plan.demand_report, name="demand_report"),
    path("plan/demand/missed/", plan.demand_misses, name="demand_misses"),
    path("plan/supply/", plan.plan_list, name="plan_list"),
    path("plan/supply/new/", plan.plan_create, name="plan_create"),
    path("plan/supply/<int:year>/", plan.plan_detail, name="plan_detail"),
    path("plan/supply/<int:year>/quotas/<str:unit_code>/", plan.quota_edit, name="quota_edit"),
    path("plan/supply/<int:year>/confirm/", plan.plan_confirm, name="plan_confirm"),
    path("plan/supply/<int:year>/approve/", plan.plan_approve, name="plan_approve"),
    path("plan/supply/<int:year>/employers/", plan.employer_quotas, name="employer_quotas"),
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/notices/new/", rounds.publish_notice, name="publish_notice"),
    path("notices/<int:pk>/announce/", rounds.announce_notice, name="announce_notice"),
]
