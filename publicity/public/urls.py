"""The public pages (R-16.1, R-16.4, R-16.7, R-13, R-35): notices, announcements, registers, the lottery, the screener."""

from django.urls import path

from publicity.public.views import lottery, screener
from publicity.public.views import notices as public_notices

urlpatterns = [
    path("", public_notices.home, name="home"),
    path("language/<str:code>/", public_notices.choose_language, name="language"),
    path("supply-notices/<int:pk>/", public_notices.supply_notice_detail, name="supply_notice"),
    path("notices/<int:pk>/", public_notices.notice_detail, name="notice"),
    path("notices/<int:pk>/list.<str:fmt>", public_notices.notice_export, name="notice_export"),
    path("announcements/", public_notices.announcement_list, name="announcements"),
    path("announcements/<int:pk>/", public_notices.announcement_detail, name="announcement"),
    path("announcements/<int:pk>/list.<str:fmt>", public_notices.announcement_export, name="announcement_export"),
    path("key-enterprises/", public_notices.key_enterprise_list, name="key_enterprises"),
    path("key-enterprises/<int:year>/", public_notices.key_enterprise_list, name="key_enterprises_year"),
    path("register/", public_notices.register, name="register"),
    path("lottery/<int:pk>/", lottery.lottery_result, name="lottery_result"),
    path("screener/", screener.screener_start, name="screener"),
    path("screener/<str:group>/", screener.screener_group, name="screener_group"),
]
