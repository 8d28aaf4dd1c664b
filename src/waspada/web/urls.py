from django.urls import path

from waspada.web import admin_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("administrasi/", views.administration, name="administration"),
    path("administrasi/audit/periksa/", views.audit_verify, name="audit_verify"),
    path("administrasi/layanan/", admin_views.offering_add, name="offering_add"),
    path(
        "administrasi/layanan/<int:pk>/hapus/", admin_views.offering_remove, name="offering_remove"
    ),
    path(
        "administrasi/organisasi/<int:pk>/identifikasi/",
        admin_views.identification_policy,
        name="identification_policy",
    ),
]
