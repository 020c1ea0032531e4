"""URLs of the verification with the agencies (R-14)."""

from django.urls import path

from housing.verification import views as verification

urlpatterns = [
    path("verification/", verification.verification_queue, name="verification_queue"),
    path("verification/export/", verification.verification_export, name="verification_export"),
    path("verification/import/", verification.verification_import, name="verification_import"),
    path("verification/import/<str:token>/", verification.verification_import_preview,
         name="verification_import_preview"),
    path("verification/<int:pk>/", verification.verification_request, name="verification_request"),
    path("verification/<int:pk>/correct/<str:item>/", verification.verification_correct,
         name="verification_correct"),
    path("applications/<str:number>/recheck/verification/", verification.open_requests,
         name="verification_open"),
]
