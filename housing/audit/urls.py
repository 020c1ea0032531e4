"""The audit records (R-6, R-38, R-X.1): discipline inspection and the CCB's head only."""

from django.urls import path

from housing.audit import views

urlpatterns = [
    path("audit/records/", views.audit_records, name="audit_records"),
    path("audit/records/sign-ins/", views.sign_in_list, name="sign_in_records"),
    path("audit/records/reference-data/", views.reference_history, name="reference_history"),
    path("audit/records/personal-data-reads/", views.personal_data_reads, name="personal_data_reads"),
]
