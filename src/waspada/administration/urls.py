from django.urls import path

from waspada.administration import notification_views, reference_views, users_views, views

app_name = "administration"

urlpatterns = [
    path("", views.index, name="index"),
    path("audit/periksa/", views.audit_verify, name="audit_verify"),
    path("pengguna/", users_views.users, name="users"),
    path("pengguna/<int:pk>/", users_views.user_detail, name="user_detail"),
    path("pengguna/<int:pk>/ubah/", users_views.user_change, name="user_change"),
    path("pengguna/<int:pk>/<slug:action>/", users_views.user_action, name="user_action"),
    path("organisasi/", users_views.organisations, name="organisations"),
    path("organisasi/<int:pk>/ubah/", users_views.organisation_change, name="organisation_change"),
    path("layanan/", reference_views.offering_add, name="offering_add"),
    path("layanan/<int:pk>/hapus/", reference_views.offering_remove, name="offering_remove"),
    path(
        "organisasi/<int:pk>/notifikasi-wajib/",
        notification_views.mandatory_notifications,
        name="mandatory_notifications",
    ),
    path(
        "organisasi/<int:pk>/identifikasi/",
        reference_views.identification_policy,
        name="identification_policy",
    ),
]
