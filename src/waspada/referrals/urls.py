from django.urls import path

from waspada.referrals import views

app_name = "referrals"

urlpatterns = [
    path("baru/", views.referral_create, name="create"),
    path("<int:pk>/akhiri/", views.referral_end, name="end"),
]
