from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ..admin_lists import register_lists
from .models import Organisation, RepresentationClaim, User


@admin.register(User)
class WspolnotaUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Wspólnota", {"fields": ("display_name", "email_confirmed_at")}),
    )
    list_display = ("username", "display_name", "email", "email_confirmed_at", "is_staff")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "krs", "regon")
    list_filter = ("kind",)
    search_fields = ("name", "krs", "regon")
    filter_horizontal = ("representatives",)


register_lists(RepresentationClaim)
