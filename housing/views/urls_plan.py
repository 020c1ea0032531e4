"""URLs of the plan pages (filled by its issue)."""

urlpatterns = []
