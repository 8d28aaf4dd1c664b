from django.urls import path

from waspada.legal import views, views_manage

app_name = "legal"

urlpatterns = [
    path("", views.legal_case_list, name="list"),
    path("baru/", views.legal_case_create, name="create"),
    path("kalender-sidang/", views.hearing_calendar, name="calendar"),
    path("pemantauan/", views.monitoring_page, name="monitoring"),
    # Detail pages sit under "perkara/" so that a code never shadows the evidence and
    # trainings sections mounted beside this app (penegakan-hukum/bukti/, …/pelatihan/).
    path("perkara/<str:code>/", views.legal_case_detail, name="detail"),
    path("perkara/<str:code>/ubah/", views.legal_case_edit, name="edit"),
    path("perkara/<str:code>/tahap/", views_manage.stage_change, name="stage"),
    path("perkara/<str:code>/dakwaan/", views_manage.charge_add, name="charge_add"),
    path("perkara/<str:code>/dakwaan/<int:pk>/hapus/", views_manage.charge_remove,
         name="charge_remove"),
    path("perkara/<str:code>/tersangka/", views_manage.suspect_add, name="suspect_add"),
    path("perkara/<str:code>/sidang/", views_manage.hearing_add, name="hearing_add"),
    path("perkara/<str:code>/korban/", views_manage.victim_link, name="victim_link"),
    path("perkara/<str:code>/korban/<str:case_code>/lepas/", views_manage.victim_unlink,
         name="victim_unlink"),
    path("perkara/<str:code>/berbagi/", views_manage.share, name="share"),
    path("perkara/<str:code>/berbagi/<int:organisation_id>/hapus/", views_manage.unshare,
         name="unshare"),
]  # fmt: skip
