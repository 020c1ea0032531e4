from django.urls import path

from housing.api import views

app_name = "api"

urlpatterns = [
    path("v1/eligibility", views.eligibility, name="eligibility"),
    path("v1/rankings/preview", views.ranking_preview, name="ranking_preview"),
    path("schema/", views.schema, name="schema"),
    path("docs/", views.docs, name="docs"),
]
