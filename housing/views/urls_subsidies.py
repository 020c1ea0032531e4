"""URLs of the subsidies pages (filled by its issue)."""

urlpatterns = []
