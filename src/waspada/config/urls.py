from django.urls import include, path
from django.views.i18n import set_language

from waspada.api.api import api
from waspada.workbench import views as workbench_views

urlpatterns = [
    # The staff home page (``ui:dashboard``, where a login lands) is the workbench: it sits
    # above the domains, so this route, listed first, answers /dasbor/ in place of ui's.
    path("dasbor/", workbench_views.home),
    path("", include("waspada.ui.urls")),
    path("administrasi/", include("waspada.administration.urls")),
    path("", include("waspada.prevention.urls")),
    path("perlindungan/impor/", include("waspada.imports.urls")),
    path("pencegahan/massal/", include("waspada.prevention.bulk_urls")),
    path("perlindungan/", include("waspada.cases.urls")),
    path("perlindungan/rujukan-masuk/", include("waspada.referrals.urls_inbox")),
    path("perlindungan/pemulangan/", include("waspada.repatriation.awaiting_urls")),
    path("perlindungan/tindak-lanjut-terlambat/", include("waspada.assistance.overview_urls")),
    path("penegakan-hukum/", include("waspada.legal.urls")),
    path("penegakan-hukum/bukti/", include("waspada.evidence.urls")),
    path("penegakan-hukum/pelatihan/", include("waspada.trainings.urls")),
    path("pencegahan/kampanye/", include("waspada.campaigns.urls")),
    path("laporan/", include("waspada.reports.urls")),
    path("berbagi-data/", include("waspada.sharing.urls")),
    path("lapor/", include("waspada.lapor.urls")),
    path("", include("waspada.intel.urls")),
    path("perlindungan/kasus/<str:code>/identifikasi/", include("waspada.identification.urls")),
    path("perlindungan/kasus/<str:code>/layanan/", include("waspada.assistance.urls")),
    path("perlindungan/kasus/<str:code>/rujukan/", include("waspada.referrals.urls")),
    path("perlindungan/kasus/<str:code>/pemulangan/", include("waspada.repatriation.urls")),
    path("meja-kerja/", include("waspada.workbench.urls")),
    path("akun/", include("waspada.accounts.urls")),
    path("bahasa/", set_language, name="set_language"),
    path("api/v1/", api.urls),
]

handler403 = "waspada.ui.views.permission_denied"
handler404 = "waspada.ui.views.page_not_found"
handler500 = "waspada.ui.views.server_error"
