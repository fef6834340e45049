from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("wyloguj/", auth_views.LogoutView.as_view(), name="logout"),
    path("rejestracja/", views.signup, name="signup"),
]
