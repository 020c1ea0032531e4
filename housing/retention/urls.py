"""URLs of the retention schedule (R-X.2)."""

from django.urls import path

from housing.retention import views as retention

urlpatterns = [
    path("retention/", retention.retention, name="retention"),
]
