from django.urls import path

from waspada.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("unduh/<slug:key>.<str:fmt>", views.table_export, name="export"),
    path("tahunan/", views.annual, name="annual"),
    path("tahunan/pdf/", views.annual_pdf, name="annual_pdf"),
]
