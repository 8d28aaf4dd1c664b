from django.urls import path

from waspada.prevention import views

app_name = "prevention"

urlpatterns = [
    path("cek/", views.check, name="check"),
    path("pencegahan/", views.home, name="home"),
    path("pencegahan/tinjauan/", views.review_queue, name="review"),
    path("pencegahan/tinjauan/<int:pk>/label/", views.review_label, name="review_label"),
]
