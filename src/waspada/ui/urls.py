from django.urls import path

from waspada.ui import views

app_name = "ui"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("dasbor/", views.dashboard, name="dashboard"),
]
