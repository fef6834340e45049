from django.contrib.auth import views as auth_views
from django.urls import path

from . import email_views, views
from . import organisation_views as org

urlpatterns = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("wyloguj/", auth_views.LogoutView.as_view(), name="logout"),
    path("rejestracja/", views.signup, name="signup"),
    path("haslo/reset/", email_views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "haslo/reset/wyslano/",
        email_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "haslo/reset/<uidb64>/<token>/",
        email_views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "haslo/reset/gotowe/",
        email_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("konto/email/", email_views.email_confirmation, name="email-confirmation"),
    path("konto/email/<uidb64>/<token>/", email_views.email_confirm, name="email-confirm"),
    path("panel/osoby/", views.people, name="people"),
    path("panel/osoby/<id:pk>/", views.person_roles, name="person-roles"),
    path("organizacje/", org.organisation_list, name="organisations"),
    path("organizacje/<id:pk>/", org.organisation_page, name="organisation"),
    path("organizacje/<id:pk>/przedstawiciel/", org.organisation_claim, name="organisation-claim"),
    path("przedstawiciele/<id:pk>/potwierdz/", org.claim_confirm, name="claim-confirm"),
]
