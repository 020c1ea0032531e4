"""The staff pages that span the chapters: work queue, application list and page, the generic step page,
objections and inquiries, the audit trail (R-16.2, R-16.5, R-16.6, R-X.1, R-X.6)."""

from django.urls import path, register_converter
from django.urls.converters import StringConverter

from housing.desk.views import applications, audit, home, objections, publicity_queue, queue, steps


class ApplicationNumberConverter(StringConverter):
    """Any path segment except "new", which belongs to the intake page (applications/new/)."""

    regex = r"(?!new/)[^/]+"


register_converter(ApplicationNumberConverter, "number")

urlpatterns = [
    path("", home.home, name="work_queue"),  # a visitor without a session: the landing page (decision 0045)
    path("reminders/<int:pk>/done/", queue.reminder_done, name="reminder_done"),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/<number:number>/", applications.application_detail, name="application_detail"),
    path("applications/<number:number>/dossier.json", applications.application_dossier, name="application_dossier"),
    path("applications/<number:number>/step/<str:step>/", steps.take_step, name="take_step"),
    path("applications/<number:number>/objections/new/", objections.record_objection, name="record_objection"),
    path("objections/<str:receipt>/decide/", objections.decide_objection, name="decide_objection"),
    path("objections-inquiries/", publicity_queue.publicity_queue, name="publicity_queue"),
    path("inquiries/<str:receipt>/answer/", publicity_queue.answer_inquiry, name="answer_inquiry"),
    path("objections/<str:receipt>/evidence/", publicity_queue.objection_evidence, name="objection_evidence"),
    path("audit/", audit.audit_trail, name="audit_trail"),
    path("audit/staff-actions/", audit.office_actions, name="office_actions"),
    path("overrides/", audit.override_list, name="override_list"),
]
