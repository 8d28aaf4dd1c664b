from django.urls import path

from waspada.imports import views

app_name = "imports"

urlpatterns = [
    path("kasus/", views.cases_import, name="cases"),
    path("ekspor-kasus/", views.cases_export, name="export"),
]
