"""Objections, inquiries and the applicant's status lookup online (R-16.5, R-16.6)."""

from django.urls import path

from publicity.views import objections_public

urlpatterns = [
    path("objections/lookup/", objections_public.objection_lookup, name="objection_lookup"),
    path("status/", objections_public.status_lookup, name="status_lookup"),
]
