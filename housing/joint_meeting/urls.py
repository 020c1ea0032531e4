"""URLs of the Joint Meeting's decisions (R-5, R-7.3, R-17.2)."""

from django.urls import path

from housing.joint_meeting import views

urlpatterns = [
    path("joint-meeting/decisions/", views.decision_list, name="joint_meeting_decisions"),
    path("joint-meeting/decisions/record/", views.decision_record, name="joint_meeting_record"),
    path("joint-meeting/decisions/<int:pk>/", views.decision_detail, name="joint_meeting_decision"),
    path("joint-meeting/decisions/<int:pk>/correct/", views.decision_correct, name="joint_meeting_correct"),
]
