"""Objections, inquiries and the applicant's status lookup online (R-16.5, R-16.6, R-16.d)."""

from django.urls import path

from publicity.online import views as objections_public

urlpatterns = [
    path("notices/<int:pk>/objections/new/", objections_public.objection_file, name="objection_file"),
    path("notices/<int:pk>/inquiries/new/", objections_public.inquiry_file, name="inquiry_file"),
    path("receipts/<str:token>/", objections_public.filing_receipt, name="filing_receipt"),
    path("objections/lookup/", objections_public.objection_lookup, name="objection_lookup"),
    path("status/", objections_public.status_lookup, name="status_lookup"),
]
