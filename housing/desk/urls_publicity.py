"""The staff pages of objections and inquiries (R-16.5, R-16.6); deciding an objection is in urls_cases."""

from django.urls import path

from housing.desk.views import publicity_queue

urlpatterns = [
    path("objections-inquiries/", publicity_queue.publicity_queue, name="publicity_queue"),
    path("inquiries/<str:receipt>/answer/", publicity_queue.answer_inquiry, name="answer_inquiry"),
    path("objections/<str:receipt>/evidence/", publicity_queue.objection_evidence, name="objection_evidence"),
]
