from publicity.public.urls_lottery import urlpatterns as lottery_patterns
from publicity.public.urls_notices import urlpatterns as notice_patterns
from publicity.online.urls import urlpatterns as objection_patterns
from publicity.public.urls_screener import urlpatterns as screener_patterns

app_name = "publicity"
urlpatterns = notice_patterns + objection_patterns + lottery_patterns + screener_patterns
