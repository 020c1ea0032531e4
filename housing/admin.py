"""The admin is for the system administrator: accounts and reference data. Cases are read here, never decided
here — every change of a case goes through the services (R-16.c), so case models are read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from housing.models import (
    AllocationRound, Application, ApplicationHistory, Employer, LowIncomeLine, PolicyVersion, SupplyNotice,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("number", "applicant_name", "group", "form", "stage", "round", "submitted_at")
    list_filter = ("group", "form", "stage", "round")
    search_fields = ("=number", "=applicant_id_number", "applicant_name")
    list_select_related = ("round",)
    show_full_result_count = False


@admin.register(ApplicationHistory)
class ApplicationHistoryAdmin(ReadOnlyAdmin):
    list_display = ("application", "seq", "event", "actor_name", "actor_unit", "from_stage", "to_stage", "at")
    list_filter = ("event", "actor_unit")
    list_select_related = ("application",)
    show_full_result_count = False


@admin.register(AllocationRound)
class AllocationRoundAdmin(ReadOnlyAdmin):
    list_display = ("year", "name", "status", "opened_at")


@admin.register(SupplyNotice)
class SupplyNoticeAdmin(ReadOnlyAdmin):
    list_display = ("title", "application_deadline", "published_at")


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "kind", "key_enterprise_year")
    search_fields = ("name", "=credit_code")
    list_filter = ("kind",)

    def has_delete_permission(self, request, obj=None):
        return False


# Policy parameters (SPEC §13) are reference data: the system administrator enters the official figures here.

class LowIncomeLineInline(admin.TabularInline):
    model = LowIncomeLine
    extra = 1


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ("version", "effective_from", "effective_to", "asset_limit", "c2_subsidy_standard")
    inlines = [LowIncomeLineInline]
    fieldsets = [
        (None, {"fields": ["version", "effective_from", "effective_to", "note"]}),
        (_("Official figures (Arts. 18, 26)"), {"fields": ["asset_limit", "c2_subsidy_standard"]}),
        (_("Talent subsidies (Art. 27)"), {"fields": ["subsidy_full_senior", "subsidy_deputy_senior", "subsidy_doctorate",
                                "subsidy_master", "subsidy_bachelor"]}),
        (_("Periods and limits"), {"fields": ["notice_days", "announcement_days", "transfer_lookback_years",
                                 "employer_quota_cap", "give_up_limit"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        # Past cases were decided on these figures (Art. 43): end a version, don't delete it.
        return False
