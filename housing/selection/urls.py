"""URLs of selection day and the contract summary (R-16.8a, R-16.8c, R-16.8d)."""

from django.urls import path

from housing.selection import views as selection

urlpatterns = [
    path("selection/", selection.selection_home, name="selection_home"),
    path("selection/<int:round_id>/<str:group>/notices/", selection.notices, name="selection_notices"),
    path("selection/<int:round_id>/<str:group>/session/", selection.open_session, name="selection_open_session"),
    path("selection/notices/<str:number>/", selection.notice_print, name="selection_notice"),
    path("selection/sessions/<int:pk>/", selection.session_detail, name="selection_session"),
    path("selection/sessions/<int:pk>/call/", selection.call_next, name="selection_call_next"),
    path("selection/sessions/<int:pk>/choose/", selection.choose, name="selection_choose"),
    path("selection/sessions/<int:pk>/no-show/", selection.no_show, name="selection_no_show"),
    path("selection/sessions/<int:pk>/close/", selection.close, name="selection_close"),
    path("selection/confirmations/<str:number>/", selection.confirmation, name="selection_confirmation"),
    path("selection/contracts/<str:number>/", selection.contract_summary, name="contract_summary"),
]
