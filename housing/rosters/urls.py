"""The roster pages, in the staff URL namespace "housing" (housing/urls.py)."""

from django.urls import path

from housing.rosters.views import employer, unit

urlpatterns = [
    # the employer's own pages (housing.rosters.middleware lets an employer's account reach these only)
    path("employer/", employer.employer_home, name="employer_home"),
    path("employer/template.<str:fmt>", employer.employer_template, name="employer_template"),
    path("employer/rosters/upload/", employer.employer_roster_upload, name="employer_roster_upload"),
    path("employer/rosters/preview/<str:token>/", employer.employer_roster_preview, name="employer_roster_preview"),
    path("employer/rosters/<str:number>/", employer.employer_roster_detail, name="employer_roster_detail"),
    # the talent unit's pages
    path("rosters/", unit.roster_list, name="roster_list"),
    path("rosters/accounts/", unit.employer_accounts, name="employer_accounts"),
    path("rosters/<str:number>/", unit.roster_detail, name="roster_detail"),
]
