from publicity.views.urls_lottery import urlpatterns as lottery_patterns
from publicity.views.urls_screener import urlpatterns as screener_patterns

app_name = "publicity"
urlpatterns = lottery_patterns + screener_patterns
