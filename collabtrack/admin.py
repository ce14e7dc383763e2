from django.contrib import admin

from collabtrack.models import District, DistrictMembership, Membership, School, StaffMember


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "first_month", "last_month"]
    search_fields = ["name", "district__name"]
    inlines = [MembershipInline]


class DistrictMembershipInline(admin.TabularInline):
    model = DistrictMembership
    extra = 0
    autocomplete_fields = ["user"]
    verbose_name = "district coordinator"


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "first_month", "last_month", "time_zone"]
    search_fields = ["name"]
    inlines = [DistrictMembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role"]
    list_filter = ["role", "school"]
    search_fields = ["user__username", "school__name"]


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "department", "school", "active"]
    list_filter = ["school", "active"]
    search_fields = ["name", "email"]
    filter_horizontal = ["grades"]
