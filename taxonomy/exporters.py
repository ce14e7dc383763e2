"""The librarian's reflection portfolio (PDF) as an exporter (collabtrack.exporters), registered by
TaxonomyConfig.ready()."""

from collabtrack import exporters
from collabtrack.exporters import Exporter, ExportFile, SchoolYearParameter
from collabtrack.models import Role
from collabtrack.pdf import render_pdf
from collabtrack.schoolyear import SchoolYear
from taxonomy.selectors import portfolio


class ReflectionPortfolioExporter(Exporter):
    identifier = "reflection_portfolio"
    position = 70
    verbose_name = "Reflection portfolio (PDF)"
    description = "Your reflections of one school year, for the evaluation meeting."
    roles = (Role.LIBRARIAN,)
    parameters = (SchoolYearParameter(name="year"),)

    def render(self, school, *, membership=None, year: SchoolYear) -> ExportFile:
        # Reflections are the author's own: without a person there is nothing to put in it.
        if membership is None:
            raise ValueError("The reflection portfolio is made for one person: pass their membership.")
        pdf = render_pdf(
            "taxonomy/portfolio_pdf.html", {"portfolio": portfolio(membership, year, user=membership.user)}
        )
        return ExportFile(f"reflections-{year.name}.pdf", "application/pdf", pdf)


def register_exporters() -> None:
    exporters.register(ReflectionPortfolioExporter())
