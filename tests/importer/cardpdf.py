"""Report-card PDFs for the import tests, laid out like Shared Hope's published cards (fpdf2).

Grade and tier, the state's name, the title, the Issue / Grade / Score / Highlights table
with wrapped cells, extra credit, the overall grade, "Learn more" with its links, and on
every page a running title, a page number and a copyright footer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fpdf import FPDF


@dataclass
class Row:
    number: int
    name: str
    grade: str
    score: float
    maximum: float
    highlights: str


@dataclass
class CardSpec:
    state: str
    year: int
    grade: str
    tier: str
    score: float
    rows: list[Row]
    extra: list[tuple[str, float, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


def highlights(met: list[str], gaps: list[str], all_areas: bool = False) -> str:
    """The card's two sentences, in its own phrasing."""

    def listed(items: list[str]) -> str:
        return (
            items[0]
            if len(items) == 1
            else ", ".join(items[:-1]) + (", and " if len(items) > 2 else " and ") + items[-1]
        )

    parts = []
    if met:
        parts.append(f"Policy goal{'s' if len(met) > 1 else ''} accomplished in areas related to {listed(met)}.")
    if gaps:
        head = "Gaps remain in all areas, including" if all_areas else "Gaps remain in areas related to"
        parts.append(f"{head} {listed(gaps)}.")
    return " ".join(parts)


class _CardPDF(FPDF):
    def __init__(self, spec: CardSpec):
        super().__init__(format="letter")
        self.spec = spec
        self.alias_nb_pages("{nb}")
        self.set_auto_page_break(True, margin=22)

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"{self.spec.year} Report Card on Child & Youth Sex Trafficking", align="L")
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"\u00a9 {self.spec.year} Shared Hope International", align="C")


def card_pdf(spec: CardSpec, row_height: float = 6) -> bytes:
    pdf = _CardPDF(spec)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 28)
    pdf.cell(20, 14, spec.grade)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 14, f"TIER {spec.tier}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 10, spec.state.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 8, f"{spec.year} Report Card on Child & Youth Sex Trafficking", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=10)
    with pdf.table(
        col_widths=(48, 14, 20, 108), line_height=row_height, text_align=("LEFT", "CENTER", "CENTER", "LEFT")
    ) as table:
        table.row(["Issue", "Grade", "Score", "Highlights"])
        for row in spec.rows:
            table.row([f"{row.number}. {row.name}", row.grade, f"{row.score:g} {row.maximum:g}", row.highlights])
    pdf.ln(4)
    if spec.extra:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 6, "EXTRA CREDIT", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        with pdf.table(col_widths=(48, 14, 128), line_height=row_height, first_row_as_headings=False) as table:
            for category, points, description in spec.extra:
                table.row([category, f"{points:g}", description])
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "OVERALL GRADE", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, f"TIER {spec.tier}  {spec.grade} {spec.score:g}", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "LEARN MORE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for label, text in spec.links:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 6, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def connecticut_spec(seed_text: str) -> CardSpec:
    """The Connecticut 2021 card, cell for cell from its text."""
    rows = []
    for line in seed_text.splitlines():
        cells = line.strip().split("\t")
        if len(cells) == 4 and cells[0][:2].rstrip(".").isdigit():
            number, name = cells[0].split(". ", 1)
            score, maximum = cells[2].split()
            rows.append(Row(int(number), name, cells[1], float(score), float(maximum), cells[3].strip()))
    return CardSpec(
        "Connecticut", 2021, "F", "II", 43.5, rows,
        extra=[("Youth", 1, "Protection related to civil remedies is extended to sex trafficked youth."),
               ("Child Labor Trafficking", 2, "Protections related to restitution and civil remedies are extended to child labor trafficking victims.")],
        links=[("TOOLKIT:", "To see how Connecticut compares, visit reportcards.sharedhope.org/toolkit."),
               ("ISSUE BRIEFS:", "To better understand a policy goal, visit reportcards.sharedhope.org/issue-briefs."),
               ("CONNECTICUT SPECIFIC RESOURCES", "To better understand Connecticut's grade, access an in-depth analysis of its laws under the "
                "advanced legislative framework and review its historical progress by visiting reportcards.sharedhope.org/connecticut."),
               ("TECHNICAL ASSISTANCE", "For legislators and partner non-profits that assist elected officials in creating legislation, "
                "request a consultation with our Policy Team online at sharedhope.org/legislative-technical-assistance.")],
    )  # fmt: skip
