"""URLs of the selection pages (filled by its issue)."""

urlpatterns = []
