from django.urls import path

from waspada.lapor import views_public

app_name = "lapor"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("status/", views_public.status, name="status"),
    path("<slug:slug>/", views_public.report_form, name="form"),
]
