"""URLs of the subsidies pages (R-8.2, R-32)."""

from django.urls import path

from housing.subsidies import views as subsidies

urlpatterns = [
    path("subsidies/", subsidies.subsidy_list, name="subsidy_list"),
    path("subsidies/<int:pk>/", subsidies.subsidy_detail, name="subsidy_detail"),
    path("subsidies/<int:pk>/stop/", subsidies.subsidy_change, {"kind": "stop"}, name="subsidy_stop"),
    path("subsidies/<int:pk>/resume/", subsidies.subsidy_change, {"kind": "resume"}, name="subsidy_resume"),
    path("subsidies/<int:pk>/bank/", subsidies.subsidy_bank, name="subsidy_bank"),
    path("subsidy-batches/", subsidies.batch_list, name="subsidy_batch_list"),
    path("subsidy-batches/<str:month>/", subsidies.batch_detail, name="subsidy_batch_detail"),
    path("subsidy-batches/<str:month>/review/", subsidies.batch_review, name="subsidy_batch_review"),
    path("subsidy-batches/<str:month>/approve/", subsidies.batch_approve, name="subsidy_batch_approve"),
    path("subsidy-batches/<str:month>/print/", subsidies.batch_print, name="subsidy_batch_print"),
    path("subsidy-batches/<str:month>/export/", subsidies.batch_export, name="subsidy_batch_export"),
]
