"""URLs of the stock pages (R-16.8b)."""

from django.urls import path

from housing.stock import views as stock

urlpatterns = [
    path("stock/", stock.stock_list, name="stock_list"),
    path("stock/export/", stock.stock_export, name="stock_export"),
    path("stock/template.xlsx", stock.stock_template, name="stock_template"),
    path("stock/import/", stock.stock_import, name="stock_import"),
    path("stock/import/<str:token>/", stock.stock_import_preview, name="stock_import_preview"),
    path("stock/homes/<int:pk>/", stock.stock_home_detail, name="stock_home_detail"),
    path("stock/homes/<int:pk>/<str:move>/", stock.stock_home_move, name="stock_home_move"),
]
