from django.urls import path

from waspada.identification import views

app_name = "identification"

urlpatterns = [
    path("baru/", views.record, name="record"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/keputusan/", views.decide, name="decide"),
    path("<int:pk>/setujui/", views.approve, name="approve"),
    path("<int:pk>/tolak/", views.reject, name="reject"),
]
