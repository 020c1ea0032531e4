"""URLs of the statistics pages (Arts. 5, 6, 35–38)."""

from django.urls import path

from housing.statistics import views as statistics

urlpatterns = [
    path("statistics/", statistics.statistics_page, name="statistics"),
    path("statistics/<slug:key>.xlsx", statistics.figure_download, name="statistics_download"),
]
