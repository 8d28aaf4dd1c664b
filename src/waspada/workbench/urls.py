from django.urls import path

from waspada.workbench import views

app_name = "workbench"

urlpatterns = [
    path("alihkan/", views.reassign, name="reassign"),
    path("notifikasi/", views.notification_list, name="notifications"),
    path("notifikasi/baca-semua/", views.notifications_read_all, name="read_all"),
    path("notifikasi/<int:pk>/baca/", views.notification_read, name="read"),
    path("notifikasi/pengaturan/", views.preferences, name="preferences"),
    path("pekerjaan/", views.job_list, name="jobs"),
    path("pekerjaan/<int:pk>/ulang/", views.job_retry, name="job_retry"),
    path("pekerjaan/<int:pk>/", views.job_status, name="job"),
    path("pekerjaan/<int:pk>/unduh/", views.job_download, name="job_download"),
    path("pekerjaan/intel/", views.intel_rebuild_start, name="intel_rebuild"),
    path("pekerjaan/rilis/<int:pk>/", views.release_approve_start, name="release_approve"),
]
