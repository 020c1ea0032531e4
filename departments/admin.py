from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from departments.forms import AdminSignInForm
from departments.models import StaffUser, Unit
from departments.services import unlock_account

# The sign-in throttle applies to the admin's own login page as well (docs/decisions/0025).
admin.site.login_form = AdminSignInForm
admin.site.site_header = _("Longhua affordable-housing portal: administration")
admin.site.site_title = _("Portal administration")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "article")

    # Units come from the measures (data migration), never by hand.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StaffUser)
class StaffUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "unit", "roles", "is_active")
    list_filter = ("unit", "is_active")
    fieldsets = UserAdmin.fieldsets + ((_("Unit and roles"), {"fields": ("unit", "roles")}),)
    add_fieldsets = UserAdmin.add_fieldsets + ((_("Unit and roles"), {"fields": ("unit", "roles")}),)
    readonly_fields = ("last_login", "date_joined")
    actions = ["unlock"]

    @admin.action(description=_("Unlock the selected accounts"))
    def unlock(self, request, queryset):
        for account in queryset:
            unlock_account(actor=request.user, account=account)
        messages.success(request, _("Unlocked %(n)d accounts.") % {"n": queryset.count()})
