"""Mounted at ``perlindungan/kasus/<code>/layanan/``: every view receives ``code`` first."""

from django.urls import path

from waspada.assistance import views

app_name = "assistance"

urlpatterns = [
    path("sasaran/baru/", views.goal_create, name="goal_create"),
    path("sasaran/<int:pk>/ubah/", views.goal_edit, name="goal_edit"),
    path("tindak-lanjut/baru/", views.follow_up_create, name="follow_up_create"),
    path("tindak-lanjut/<int:pk>/selesai/", views.follow_up_done, name="follow_up_done"),
    path("tindak-lanjut/<int:pk>/batalkan/", views.follow_up_void, name="follow_up_void"),
    path("catat/", views.service_create, name="service_create"),
    path("<int:pk>/ubah/", views.service_edit, name="service_edit"),
    path("<int:pk>/batalkan/", views.service_void, name="service_void"),
    path("terlambat/", views.overdue, name="overdue"),
]
