"""URLs of one household, one guarantee (R-3.2)."""

from django.urls import path

from housing.guarantees import views as guarantees

urlpatterns = [
    path("guarantees/flagged/", guarantees.flagged_set_list, name="flagged_set_list"),
    path("guarantees/flagged/<int:pk>/", guarantees.flagged_set_resolve, name="flagged_set_resolve"),
]
