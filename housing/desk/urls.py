"""The staff case pages: work queue, lists, the application, steps, rounds, notices and objections."""

from django.urls import path, register_converter
from django.urls.converters import StringConverter

from housing.desk.views import applications, audit, objections, queue, steps
from housing.plan.views import rounds
from housing.ranking import views as ranking


class ApplicationNumberConverter(StringConverter):
    """Any path segment except "new", which belongs to the intake page (applications/new/)."""

    regex = r"(?!new/)[^/]+"


register_converter(ApplicationNumberConverter, "number")

urlpatterns = [
    path("", queue.work_queue, name="work_queue"),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/<number:number>/", applications.application_detail, name="application_detail"),
    path("applications/<number:number>/dossier.json", applications.application_dossier, name="application_dossier"),
    path("applications/<number:number>/step/<str:step>/", steps.take_step, name="take_step"),
    path("applications/<number:number>/objections/new/", objections.record_objection, name="record_objection"),
    path("objections/<str:receipt>/decide/", objections.decide_objection, name="decide_objection"),
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/notices/new/", rounds.publish_notice, name="publish_notice"),
    path("rounds/<int:pk>/rankings/new/", ranking.ranking_create, name="ranking_create"),
    path("rankings/<int:pk>/", ranking.ranking_detail, name="ranking_detail"),
    path("rankings/<int:pk>/propose/", ranking.ranking_propose, name="ranking_propose"),
    path("notices/<int:pk>/announce/", rounds.announce_notice, name="announce_notice"),
    path("audit/", audit.audit_trail, name="audit_trail"),
    path("audit/staff-actions/", audit.office_actions, name="office_actions"),
    path("overrides/", audit.override_list, name="override_list"),
]
