"""URLs of the ranking of a round (R-18–R-23) and its proposal to the notice list."""

from django.urls import path

from housing.ranking import views

urlpatterns = [
    path("rounds/<int:pk>/rankings/new/", views.ranking_create, name="ranking_create"),
    path("rankings/<int:pk>/", views.ranking_detail, name="ranking_detail"),
    path("rankings/<int:pk>/propose/", views.ranking_propose, name="ranking_propose"),
]
