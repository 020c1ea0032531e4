from housing.desk.urls import urlpatterns as case_patterns
from housing.desk.urls_publicity import urlpatterns as publicity_patterns
from housing.review.urls import urlpatterns as review_patterns
from housing.plan.urls import urlpatterns as plan_patterns
from housing.tenancy.urls_renewals import urlpatterns as renewal_patterns
from housing.sanctions.urls import urlpatterns as sanction_patterns
from housing.selection.urls import urlpatterns as selection_patterns
from housing.stock.urls import urlpatterns as stock_patterns
from housing.subsidies.urls import urlpatterns as subsidy_patterns
from housing.tenancy.urls import urlpatterns as tenancy_patterns

app_name = "housing"
urlpatterns = (case_patterns + review_patterns + publicity_patterns + plan_patterns + stock_patterns
               + selection_patterns + subsidy_patterns + tenancy_patterns + renewal_patterns + sanction_patterns)
