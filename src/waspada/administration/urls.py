from django.urls import path

from waspada.administration import reference_views, views

app_name = "administration"

urlpatterns = [
    path("", views.index, name="index"),
    path("audit/periksa/", views.audit_verify, name="audit_verify"),
    path("layanan/", reference_views.offering_add, name="offering_add"),
    path("layanan/<int:pk>/hapus/", reference_views.offering_remove, name="offering_remove"),
    path(
        "organisasi/<int:pk>/identifikasi/",
        reference_views.identification_policy,
        name="identification_policy",
    ),
]
