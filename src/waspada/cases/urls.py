from django.urls import path

from waspada.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("baru/", views.case_register, name="register"),
    path("cek-duplikat/", views.duplicate_check, name="duplicate_check"),
    path("kasus/<str:code>/", views.case_detail, name="detail"),
    path("kasus/<str:code>/ubah/", views.case_edit, name="edit"),
    path("kasus/<str:code>/status/", views.case_status, name="status"),
    path("kasus/<str:code>/persetujuan/", views.case_consent, name="consent"),
]
