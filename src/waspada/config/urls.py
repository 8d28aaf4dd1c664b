from django.urls import include, path
from django.views.i18n import set_language

from waspada.api.api import api

urlpatterns = [
    path("", include("waspada.web.urls")),
    path("", include("waspada.prevention.urls")),
    path("akun/", include("waspada.accounts.urls")),
    path("bahasa/", set_language, name="set_language"),
    path("api/v1/", api.urls),
]

handler403 = "waspada.web.views.permission_denied"
handler404 = "waspada.web.views.page_not_found"
