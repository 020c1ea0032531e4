"""URLs of the register pages (R-35, R-36, R-37)."""

from django.urls import path

from housing.sanctions import views as sanctions

urlpatterns = [
    path("register/", sanctions.sanction_list, name="sanction_list"),
    path("register/new/", sanctions.sanction_create, name="sanction_create"),
]
