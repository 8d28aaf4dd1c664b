"""Mounted at ``pencegahan/massal/`` by ``config/urls.py``."""

from django.urls import path

from waspada.prevention import bulk_views

app_name = "prevention_bulk"

urlpatterns = [
    path("", bulk_views.upload, name="upload"),
    path("<int:pk>/", bulk_views.status, name="status"),
    path("<int:pk>/hasil.csv", bulk_views.download, name="download"),
]
