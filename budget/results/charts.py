"""A pool's results as a bar chart drawn on the server (SVG, no script): one bar per project,
its length the project's votes or points, the selected ones highlighted, and a line where
the pool's money ends (the selected projects above it, the others below)."""

from dataclasses import dataclass

WIDTH = 640  # the SVG's own units; it scales to the page's width
BAR_AREA = 470  # the longest bar; the rest of the row holds its number
ROW = 46  # a title line and a bar
BAR_HEIGHT = 18
TOP = 8
BUDGET_LINE_GAP = 34  # room for the line and its caption


@dataclass(frozen=True)
class Bar:
    proposal_id: int
    title: str
    score: int
    selected: bool
    y: int  # the title's baseline; the bar starts below it
    width: int

    @property
    def bar_y(self) -> int:
        return self.y + 6

    @property
    def value_x(self) -> int:
        return self.width + 8

    @property
    def value_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    width: int
    bar_height: int
    budget_line_y: int | None  # None: nothing was selected, or nothing else was on the ballot
    selected: int


def pool_chart(projects, *, by_points: bool) -> Chart:
    """`projects`: the pool's ProjectResults, the selected ones first (results.selectors)."""

    top = max((_value(p, by_points) for p in projects), default=0) or 1
    bars, y, line_y = [], TOP + 14, None
    for project in projects:
        if line_y is None and not project.selected and bars:
            line_y, y = y - 6, y + BUDGET_LINE_GAP
        value = _value(project, by_points)
        bars.append(
            Bar(
                proposal_id=project.proposal_id,
                title=project.proposal.title,
                score=value,
                selected=project.selected,
                y=y,
                # A project with a vote is never an invisible bar.
                width=max(round(BAR_AREA * value / top), 2 if value else 0),
            )
        )
        y += ROW
    return Chart(
        bars=bars,
        height=y - 14 + TOP,
        width=WIDTH,
        bar_height=BAR_HEIGHT,
        budget_line_y=line_y,
        selected=sum(bar.selected for bar in bars),
    )


def _value(project, by_points: bool) -> int:
    return project.score if by_points else project.votes
