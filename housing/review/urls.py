"""Intake, materials and the three reviews (R-16.2, R-39.3–5). Joined into housing/urls.py (app_name "housing")."""

from django.urls import path

from housing.review.views import documents, intake, receipts, reviews, written_notices

urlpatterns = [
    path("applications/new/", intake.intake, name="intake"),
    path("applications/<str:number>/receipt/", receipts.intake_receipt, name="intake_receipt"),
    path("applications/<str:number>/documents/", documents.upload_document, name="upload_document"),
    path("applications/<str:number>/documents/<int:pk>/", documents.document_download, name="document_download"),
    path("applications/<str:number>/formal-review/", reviews.formal_review, name="formal_review"),
    path("applications/<str:number>/substantive-review/", reviews.substantive_review, name="substantive_review"),
    path("applications/<str:number>/recheck/", reviews.recheck, name="recheck"),
    path("applications/<str:number>/written-notices/<int:pk>/", written_notices.written_notice,
         name="written_notice"),
]
