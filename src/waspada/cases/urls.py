from django.urls import path

from waspada.cases import views, views_casework

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("baru/", views.case_register, name="register"),
    path("cek-duplikat/", views.duplicate_check, name="duplicate_check"),
    path("kasus/<str:code>/", views.case_detail, name="detail"),
    path("kasus/<str:code>/ubah/", views.case_edit, name="edit"),
    path("kasus/<str:code>/status/", views.case_status, name="status"),
    path("kasus/<str:code>/persetujuan/", views.case_consent, name="consent"),
    path("kasus/<str:code>/serah-terima/", views_casework.transfer_create, name="transfer"),
    path(
        "kasus/<str:code>/serah-terima/<int:transfer_id>/bast/",
        views_casework.bast_print,
        name="bast",
    ),
    path("serah-terima/masuk/", views_casework.transfers_incoming, name="transfers_incoming"),
    path(
        "serah-terima/<int:transfer_id>/jawab/",
        views_casework.transfer_answer,
        name="transfer_answer",
    ),
    path("kasus/<str:code>/catatan/", views_casework.note_create, name="note"),
    path("kasus/<str:code>/tutup/", views_casework.case_close, name="close"),
    path("kasus/<str:code>/petugas/", views_casework.case_assign, name="assign"),
    path("kasus/<str:code>/ringkasan/", views_casework.case_summary_print, name="summary"),
]
