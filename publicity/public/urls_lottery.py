from django.urls import path

from publicity.public.views import lottery

urlpatterns = [
    path("lottery/<int:pk>/", lottery.lottery_result, name="lottery_result"),
]
