from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Organisation, User


@admin.register(User)
class WspolnotaUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Wspólnota", {"fields": ("display_name",)}))
    list_display = ("username", "display_name", "email", "is_staff")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "krs")
    search_fields = ("name", "krs")
    filter_horizontal = ("representatives",)
