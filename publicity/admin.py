from django.contrib import admin

from publicity.models import Objection, PublicNotice


@admin.register(PublicNotice)
class PublicNoticeAdmin(admin.ModelAdmin):
    list_display = ("round", "group", "starts_on", "ends_on", "announced_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Objection)
class ObjectionAdmin(PublicNoticeAdmin):
    list_display = ("receipt_number", "application", "status", "filed_at", "decided_at")
