from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from config.health import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),  # for monitoring, no sign-in (docs/decisions/0026)
    # R-X.4: the language switch also serves the login page and the public pages.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("departments.urls")),
    path("public/", include("publicity.urls")),
    path("api/", include("housing.api.urls")),
    path("", include("housing.urls")),
]

# The portal's own error pages, in its layout and both languages (decision 0045).
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
