from django.urls import path

from waspada.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("unduh/<slug:key>.<str:fmt>", views.table_export, name="export"),
    path("tahunan/", views.annual, name="annual"),
    path("tahunan/pdf/", views.annual_pdf, name="annual_pdf"),
    path("tahunan/pdf/latar/", views.annual_pdf_start, name="annual_pdf_start"),
    path("latar/<slug:key>.<str:fmt>", views.table_export_start, name="export_start"),
]
