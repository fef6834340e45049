from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("proces/<str:kind>/<int:pk>/", views.workflow_object, name="workflow-object"),
    path("proces/<str:kind>/<int:pk>/<str:name>/", views.take_transition, name="workflow-take"),
]
