"""URLs of the sanctions pages (filled by its issue)."""

urlpatterns = []
