"""URLs of the tenancy pages (R-12.9, R-28–R-34) and of renewals (R-30, R-31)."""

from django.urls import path

from housing.tenancy.views import renewals
from housing.tenancy.views import tenancy as views

urlpatterns = [
    path("tenancies/", views.tenancy_list, name="tenancy_list"),
    path("tenancies/rent/import/", views.rent_import, name="rent_import"),
    path("tenancies/rent/import/confirm/", views.rent_import_confirm, name="rent_import_confirm"),
    path("tenancies/<int:pk>/", views.tenancy_detail, name="tenancy_detail"),
    path("tenancies/<int:pk>/checks/new/", views.occupancy_check_create, name="occupancy_check_create"),
    path("tenancies/<int:pk>/violations/new/", views.violation_create, name="violation_create"),
    path("tenancies/<int:pk>/termination/", views.termination_create, name="termination_create"),
    path("tenancies/<int:pk>/termination/extension/", views.extension_create, name="move_out_extension"),
    path("tenancies/<int:pk>/termination/court/", views.court_request_create, name="court_request_create"),
    path("tenancies/<int:pk>/termination/keys/", views.keys_returned, name="keys_returned"),
    path("economic-housing/", views.ownership_list, name="ownership_list"),
    path("economic-housing/<int:pk>/", views.ownership_detail, name="ownership_detail"),
    path("economic-housing/<int:pk>/buy-back/", views.buy_back_create, name="buy_back_create"),
    path("economic-housing/<int:pk>/transfer/", views.transfer_create, name="transfer_create"),
    path("renewals/", renewals.renewal_list, name="renewal_list"),
    path("tenancies/<int:pk>/renew/", renewals.register_renewal, name="renewal_register"),
    path("renewals/<str:number>/grant/", renewals.grant_renewal, name="renewal_grant"),
]
