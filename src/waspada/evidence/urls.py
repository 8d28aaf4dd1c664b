from django.urls import path

from waspada.evidence import views

app_name = "evidence"

urlpatterns = [
    path("perkara/<str:code>/unggah/", views.legal_upload, name="upload_legal"),
    path("perkara/<str:code>/ekspor/", views.legal_export, name="export_legal"),
    path("kasus/<str:code>/", views.case_items, name="case_items"),
    path("kasus/<str:code>/unggah/", views.case_upload, name="upload_case"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/unduh/", views.item_download, name="download"),
    path("<int:pk>/serah-terima/", views.item_handover, name="handover"),
    path("<int:pk>/verifikasi/", views.item_verify, name="verify"),
]
