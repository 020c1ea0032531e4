"""The public site (namespace "publicity"): what anyone may read, then what a resident files online."""

from publicity.online.urls import urlpatterns as online_patterns
from publicity.public.urls import urlpatterns as public_patterns

app_name = "publicity"
urlpatterns = public_patterns + online_patterns
