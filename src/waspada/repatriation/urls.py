"""Included at ``perlindungan/kasus/<code>/pemulangan/``: every view receives ``code``."""

from django.urls import path

from waspada.repatriation import views

app_name = "repatriation"

urlpatterns = [
    path("tahap/", views.stage_record, name="stage_record"),
    path("catatan/", views.notes, name="notes"),
    path("tahap/<int:pk>/batalkan/", views.stage_void, name="stage_void"),
]
