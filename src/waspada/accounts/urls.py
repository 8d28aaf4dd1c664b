from django.urls import path

from waspada.accounts import views, views_security

app_name = "accounts"

urlpatterns = [
    path("", views_security.security, name="security"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("dua-langkah/", views_security.second_factor_verify, name="second_factor_verify"),
    path("dua-langkah/daftar/", views_security.second_factor_enrol, name="second_factor_enrol"),
    path("dua-langkah/kode-pemulihan/", views_security.recovery_renew, name="recovery_renew"),
    path("token/", views_security.token_create, name="token_create"),
    path("token/<int:pk>/cabut/", views_security.token_revoke, name="token_revoke"),
    path("sesi/<int:pk>/akhiri/", views_security.session_end, name="session_end"),
]
