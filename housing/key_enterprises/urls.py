"""URLs of the key-enterprise lists (R-13)."""

from django.urls import path

from housing.key_enterprises import views

urlpatterns = [
    path("key-enterprises/", views.list_years, name="key_enterprise_lists"),
    path("key-enterprises/<int:year>/", views.list_years, name="key_enterprise_list_year"),
    path("key-enterprises/import/", views.list_import, name="key_enterprise_import"),
    path("key-enterprises/import/<str:token>/<int:year>/", views.list_import_preview,
         name="key_enterprise_import_preview"),
]
