from django.urls import path

from waspada.sharing import views

app_name = "sharing"

urlpatterns = [
    path("", views.release_list, name="list"),
    path("minta/", views.release_request, name="request"),
    path("<int:pk>/", views.release_detail, name="detail"),
    path("<int:pk>/setujui/", views.release_approve, name="approve"),
    path("<int:pk>/tolak/", views.release_refuse, name="refuse"),
    path("<int:pk>/unduh/", views.release_download, name="download"),
    path("perjanjian/", views.agreement_list, name="agreements"),
]
