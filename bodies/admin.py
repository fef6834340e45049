from django.contrib import admin

from workflows.admin_lists import register_lists

from .models import (
    Body,
    DistrictComment,
    DistrictConsultation,
    Membership,
    OpinionRequest,
    OpinionVote,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "term_start", "term_end", "district"]
    list_filter = ["kind"]
    search_fields = ["name", "legal_basis"]
    inlines = [MembershipInline]


@admin.register(OpinionRequest)
class OpinionRequestAdmin(admin.ModelAdmin):
    # State changes only through the engine: the admin shows, it does not decide.
    list_display = ["subject", "body", "due_on", "state", "late"]
    list_filter = ["state", "body"]
    search_fields = ["subject", "text"]
    readonly_fields = [f.name for f in OpinionRequest._meta.fields]


register_lists(
    Membership, OpinionVote, DistrictConsultation, DistrictComment, editable=(Membership,)
)
