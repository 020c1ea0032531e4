from housing.views.urls_cases import urlpatterns as case_patterns
from housing.views.urls_publicity import urlpatterns as publicity_patterns
from housing.views.urls_reviews import urlpatterns as review_patterns

app_name = "housing"
urlpatterns = case_patterns + review_patterns + publicity_patterns
