"""Public notice pages (R-16.1, R-16.4, R-16.7, R-13, R-35): owned by the public-notice work."""

from django.urls import path

from publicity.views import public_notices

urlpatterns = [
    path("", public_notices.home, name="home"),
    path("language/<str:code>/", public_notices.choose_language, name="language"),
]
