"""The overdue follow-ups page outside any one case, for the project URLconf to mount, e.g.
``path("perlindungan/tindak-lanjut-terlambat/", include("waspada.assistance.overview_urls"))``.
"""

from django.urls import path

from waspada.assistance import views

app_name = "assistance_overview"

urlpatterns = [
    path("", views.overdue, name="overdue"),
]
