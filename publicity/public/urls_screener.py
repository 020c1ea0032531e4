from django.urls import path

from publicity.public.views import screener

urlpatterns = [
    path("screener/", screener.screener_start, name="screener"),
    path("screener/<str:group>/", screener.screener_group, name="screener_group"),
]
