"""The admin is for the system administrator: accounts and reference data. Cases are neither read nor decided here:
the administrator has no unit, so no case is in their scope (R-X.2), and every change of a case goes through the
services (R-16.c). Applications, their history and objections are therefore not registered (docs/decisions/0024)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from housing.models import AllocationRound, Employer, LowIncomeLine, PolicyVersion, SupplyNotice


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AllocationRound)
class AllocationRoundAdmin(ReadOnlyAdmin):
    list_display = ("year", "name", "status", "opened_at")


@admin.register(SupplyNotice)
class SupplyNoticeAdmin(ReadOnlyAdmin):
    list_display = ("title", "application_deadline", "published_at")


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "kind")
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
