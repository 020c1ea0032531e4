"""URLs of the tenancy pages (filled by its issue)."""

urlpatterns = []
