from django.contrib import admin

from .models import City, District, DistrictCouncil

admin.site.register(City)
admin.site.register(DistrictCouncil)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("number", "roman", "name", "city", "population")
    list_filter = ("city",)
