"""Notices in the admin, read-only. Objections carry the objector's name and contact: they are read on the staff pages
by the responsible unit, not in the admin, whose administrator has no unit (R-X.2; docs/decisions/0024)."""

from django.contrib import admin

from publicity.models import PublicNotice


@admin.register(PublicNotice)
class PublicNoticeAdmin(admin.ModelAdmin):
    list_display = ("round", "group", "starts_on", "ends_on", "announced_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
