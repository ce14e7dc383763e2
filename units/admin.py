from django.contrib import admin

from units.standards import Indicator2007, Standard2018


@admin.register(Indicator2007)
class Indicator2007Admin(admin.ModelAdmin):
    list_display = ["number", "standard", "strand"]
    list_filter = ["standard", "strand"]
    search_fields = ["number"]


@admin.register(Standard2018)
class Standard2018Admin(admin.ModelAdmin):
    list_display = ["code", "set", "foundation", "domain", "heading"]
    list_filter = ["set", "foundation", "domain"]
    search_fields = ["code", "heading"]
