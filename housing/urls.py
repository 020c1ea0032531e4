"""The staff site (namespace "housing"): the desk's pages, then each chapter's own URLs."""

from housing.audit.urls import urlpatterns as audit_patterns
from housing.desk.urls import urlpatterns as desk_patterns
from housing.guarantees.urls import urlpatterns as guarantee_patterns
from housing.joint_meeting.urls import urlpatterns as joint_meeting_patterns
from housing.key_enterprises.urls import urlpatterns as key_enterprise_patterns
from housing.plan.urls import urlpatterns as plan_patterns
from housing.ranking.urls import urlpatterns as ranking_patterns
from housing.retention.urls import urlpatterns as retention_patterns
from housing.review.urls import urlpatterns as review_patterns
from housing.rosters.urls import urlpatterns as roster_patterns
from housing.sanctions.urls import urlpatterns as sanction_patterns
from housing.selection.urls import urlpatterns as selection_patterns
from housing.stock.urls import urlpatterns as stock_patterns
from housing.statistics.urls import urlpatterns as statistics_patterns
from housing.exports.urls import urlpatterns as export_patterns
from housing.subsidies.urls import urlpatterns as subsidy_patterns
from housing.tenancy.urls import urlpatterns as tenancy_patterns
from housing.verification.urls import urlpatterns as verification_patterns

app_name = "housing"
urlpatterns = (desk_patterns + review_patterns + ranking_patterns + plan_patterns + stock_patterns
               + selection_patterns + subsidy_patterns + tenancy_patterns + sanction_patterns + verification_patterns)
urlpatterns += roster_patterns  # employers' rosters (housing.rosters)
urlpatterns += guarantee_patterns  # one household, one guarantee: flagged sets (housing.guarantees)
urlpatterns += joint_meeting_patterns  # the Joint Meeting's decisions (housing.joint_meeting)
urlpatterns += key_enterprise_patterns  # the key-enterprise list of each year (housing.key_enterprises)
urlpatterns += statistics_patterns  # figures for oversight (housing.statistics)
urlpatterns += export_patterns  # every staff list as CSV or Excel, my exports (housing.exports)
urlpatterns += audit_patterns  # sign-ins, reference-data history, reads of personal data, chains (housing.audit)
urlpatterns += retention_patterns  # how long personal data is kept, what was purged (housing.retention)
