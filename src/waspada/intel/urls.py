from django.urls import path

from waspada.intel import views

app_name = "intel"

urlpatterns = [
    path("cek/kontak/", views.public_check, name="public_check"),
    path("intelijen/", views.lookup, name="lookup"),
    path("intelijen/peringatan/", views.alerts, name="alerts"),
    path("intelijen/jaringan/<int:pk>/", views.cluster, name="cluster"),
    path("intelijen/jaringan/<int:pk>/pantau/", views.watch, name="watch"),
    path("intelijen/jaringan/<int:pk>/gabung/", views.merge, name="merge"),
    path("intelijen/jaringan/<int:pk>/pisah/", views.split, name="split"),
    path("intelijen/jaringan/<int:pk>/dosir.<str:fmt>", views.dossier_download, name="dossier"),
    path("intelijen/jaringan/<int:pk>/lampirkan/", views.dossier_attach, name="attach"),
]
