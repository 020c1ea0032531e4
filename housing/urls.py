"""The staff site (namespace "housing"): the desk's pages, then each chapter's own URLs."""

from housing.desk.urls import urlpatterns as desk_patterns
from housing.plan.urls import urlpatterns as plan_patterns
from housing.ranking.urls import urlpatterns as ranking_patterns
from housing.review.urls import urlpatterns as review_patterns
from housing.sanctions.urls import urlpatterns as sanction_patterns
from housing.selection.urls import urlpatterns as selection_patterns
from housing.stock.urls import urlpatterns as stock_patterns
from housing.subsidies.urls import urlpatterns as subsidy_patterns
from housing.tenancy.urls import urlpatterns as tenancy_patterns

app_name = "housing"
urlpatterns = (desk_patterns + review_patterns + ranking_patterns + plan_patterns + stock_patterns
               + selection_patterns + subsidy_patterns + tenancy_patterns + sanction_patterns)
