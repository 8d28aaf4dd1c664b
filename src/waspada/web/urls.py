from django.urls import path

from waspada.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("penegakan-hukum/", views.section, {"slug": "prosecution"}, name="prosecution"),
    path("laporan/", views.section, {"slug": "reports"}, name="reports"),
    path("administrasi/", views.administration, name="administration"),
    path("administrasi/audit/periksa/", views.audit_verify, name="audit_verify"),
]
