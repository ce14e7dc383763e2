"""The unit plan's PDF as an exporter (collabtrack.exporters), registered by UnitsConfig.ready()."""

import re
from dataclasses import dataclass

from collabtrack import exporters
from collabtrack.access import ALL_ROLES
from collabtrack.exporters import Exporter, ExportFile, ExportRefused, Parameter
from collabtrack.pdf import render_pdf
from units.models import Unit
from units.selectors import unit_plan


@dataclass(frozen=True, kw_only=True)
class UnitParameter(Parameter):
    """A unit of the school, by number; chosen on the unit's own page, so the data page offers no list."""

    name: str = "unit"
    label: str = "Unit"

    def clean(self, school, raw) -> Unit:
        # ASCII digits within the primary key's range: "²" or a 30-digit number is no unit, not an error.
        unit = (
            Unit.objects.filter(school=school, pk=int(raw)).first()
            if re.fullmatch(r"[0-9]{1,18}", raw)
            else None
        )
        if unit is None:
            raise ExportRefused("This school has no such unit.")
        return unit


class UnitPlanExporter(Exporter):
    identifier = "unit_pdf"
    position = 60
    verbose_name = "Unit plan (PDF)"
    description = "One unit's planning template with every section, from the unit's page."
    roles = ALL_ROLES
    parameters = (UnitParameter(),)

    def render(self, school, *, membership=None, unit: Unit) -> ExportFile:
        pdf = render_pdf("units/unit_pdf.html", {"plan": unit_plan(unit=unit), "school": unit.school})
        return ExportFile(f"unit-{unit.pk}-{unit.start_date:%Y-%m-%d}.pdf", "application/pdf", pdf)


def register_exporters() -> None:
    exporters.register(UnitPlanExporter())
