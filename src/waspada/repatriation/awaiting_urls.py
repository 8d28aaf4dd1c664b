"""The awaiting-return list, which belongs to no single case.

To be included once in the project's URLs, e.g.
``path("perlindungan/pemulangan/", include("waspada.repatriation.awaiting_urls"))``.
"""

from django.urls import path

from waspada.repatriation import views

app_name = "repatriation_awaiting"

urlpatterns = [
    path("menunggu/", views.awaiting, name="list"),
]
