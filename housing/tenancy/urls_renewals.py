"""URLs of renewals (R-30, R-31) and of the work queue's reminders (R-X.6)."""

from django.urls import path

from housing.desk.views import queue
from housing.tenancy.views import renewals

urlpatterns = [
    path("renewals/", renewals.renewal_list, name="renewal_list"),
    path("tenancies/<int:pk>/renew/", renewals.register_renewal, name="renewal_register"),
    path("renewals/<str:number>/grant/", renewals.grant_renewal, name="renewal_grant"),
    path("reminders/<int:pk>/done/", queue.reminder_done, name="reminder_done"),
]
