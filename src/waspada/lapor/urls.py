from django.urls import path

from waspada.lapor import views_public, views_staff

app_name = "lapor"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("status/", views_public.status, name="status"),
    # Staff pages first: "piket" must never reach the public form's slug.
    path("piket/", views_staff.queue, name="queue"),
    path("piket/<str:code>/", views_staff.detail, name="detail"),
    path("piket/<str:code>/ambil/", views_staff.claim, name="claim"),
    path("piket/<str:code>/pesan/", views_staff.message, name="message"),
    path("piket/<str:code>/tutup/", views_staff.close, name="close"),
    path("piket/<str:code>/jadikan-kasus/", views_staff.convert, name="convert"),
    path("piket/<str:code>/lampiran/<int:pk>/", views_staff.attachment, name="attachment"),
    path("<slug:slug>/", views_public.report_form, name="form"),
]
