"""URLs of the stock pages (filled by its issue)."""

urlpatterns = []
