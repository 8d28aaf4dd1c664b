from django.urls import path

from waspada.referrals import views

app_name = "referrals_inbox"

urlpatterns = [
    path("", views.incoming, name="incoming"),
    path("<int:pk>/jawab/", views.respond, name="respond"),
]
