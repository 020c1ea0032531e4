"""The exports' pages (R-6, R-38): the control's target, my exports, a download."""

from django.urls import path

from housing.exports import views

urlpatterns = [
    path("exports/", views.my_exports, name="my_exports"),
    path("exports/new/", views.export_start, name="export_start"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
]
