from django.urls import path

from waspada.trainings import views

app_name = "trainings"

urlpatterns = [
    path("", views.training_list, name="list"),
    path("baru/", views.training_create, name="create"),
    path("hasil/", views.results, name="results"),
    path("<int:pk>/", views.training_detail, name="detail"),
    path("<int:pk>/ubah/", views.training_edit, name="edit"),
    path("<int:pk>/peserta/baru/", views.participant_add, name="participant_add"),
    path("<int:pk>/peserta/impor/", views.participants_import, name="participants_import"),
    path(
        "<int:pk>/peserta/<int:participant_pk>/ubah/",
        views.participant_edit,
        name="participant_edit",
    ),
    path(
        "<int:pk>/peserta/<int:participant_pk>/hapus/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("<int:pk>/ekspor/<str:fmt>/", views.attendance_export, name="export"),
]
