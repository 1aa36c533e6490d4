"""Announced totals: as markers on the cumulative chart, and each beside the sum of the
itemised records in its own scope and period (``stats.training_stats``' ``reported``)."""

import html

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.charts.base import (
    CLAIM_COLOUR,
    ITEMISED_COLOUR,
    Chart,
    Column,
    Links,
    NumberedSource,
    Row,
    SourceList,
    Table,
    figure,
    hover_sources,
    hovertemplate,
    institution_label,
    number,
    signed,
    title_line,
)


def claim_date(claim: dict) -> str:
    return claim["stated_on"] or _("date not stated")


def claim_period(claim: dict) -> str:
    """The years of records a claim is compared with: "2018–2024", "2018 onwards"…"""
    first, last = claim["counted_years"]["from"], claim["counted_years"]["to"]
    if first and last:
        return f"{first}–{last}" if first != last else str(first)
    if first:
        return _("%(year)s onwards") % {"year": first}
    if last:
        return _("until %(year)s") % {"year": last}
    return _("all years")


def scope_label(record: dict) -> str:
    """ "SEDENA → FAd'H": who gives, who receives."""
    return f"{institution_label(record['donor'])} → {institution_label(record['recipient'])}"


def claim_sources(claims: list[dict], sources: SourceList) -> dict[str, list[NumberedSource]]:
    return {
        claim["id"]: [sources.add(source, ("reported-figures", claim["id"])) for source in claim["sources"]]
        for claim in claims
    }


def marker_label(claim: dict, sources: list[NumberedSource]) -> str:
    """ "912 [1, 2]": the value and the numbers of its first sources."""
    numbers = ", ".join(str(source.number) for source in sources[:3]) + ("…" if len(sources) > 3 else "")
    return f"{number(claim['value'])} [{numbers}]" if numbers else number(claim["value"])


def claim_marker_trace(claims: list[dict], sources: SourceList, links: Links, undated_label: str):
    """The announced totals as labelled markers, at the year they were stated (or in the
    "date not stated" column)."""
    numbered = claim_sources(claims, sources)
    return go.Scatter(
        x=[claim["stated_on"][:4] if claim["stated_on"] else undated_label for claim in claims],
        y=[claim["value"] for claim in claims],
        name=_("Announced totals"),
        mode="markers+text",
        # The label: the value and its sources' numbers in the list under the chart; the
        # marker's column is the year it was stated.
        text=[marker_label(claim, numbered[claim["id"]]) for claim in claims],
        textposition="middle left",
        textfont={"color": CLAIM_COLOUR},
        marker={"size": 11, "symbol": "diamond", "color": CLAIM_COLOUR, "line": {"width": 1, "color": "#ffffff"}},
        customdata=[
            [
                hover_sources(numbered[claim["id"]]),
                links.record("reported-figures", claim["id"]),
                html.escape(claim_date(claim)),
                html.escape(scope_label(claim)),
                html.escape(claim_period(claim)),
            ]
            for claim in claims
        ],
        hovertemplate=hovertemplate(
            title_line(_("Announced total: %{y:,}")),
            html.escape(_("Stated: ")) + "%{customdata[2]}",
            html.escape(_("Scope: ")) + "%{customdata[3]}, %{customdata[4]}",
        ),
    )


def comparison_table(stats: dict, sources: SourceList, links: Links) -> Table:
    """Each announced total of personnel trained beside the itemised records in its scope."""
    numbered = claim_sources(stats["reported"], sources)
    rows = [
        Row(
            cells=[
                claim["id"],
                claim["value"],
                claim["stated_on"] or "",
                institution_label(claim["donor"]),
                institution_label(claim["recipient"]),
                claim["counted_years"]["from"],
                claim["counted_years"]["to"],
                claim["itemised"],
                claim["difference"],
            ],
            link=links.record("reported-figures", claim["id"]),
            sources=numbered[claim["id"]],
        )
        for claim in stats["reported"]
    ]
    columns = [
        Column("id", _("Announced total"), numeric=False),
        Column("value", _("Announced")),
        Column("stated_on", _("Stated on"), numeric=False),
        Column("donor", _("Trained by"), numeric=False),
        Column("recipient", _("Trained"), numeric=False),
        Column("year_from", _("Records from"), grouped=False),
        Column("year_to", _("Records to"), grouped=False),
        Column("itemised", _("Itemised records")),
        Column("difference", _("Difference")),
    ]
    return Table("announced", _("Announced totals and the itemised records in the same scope"), columns, rows)


# Each announced total gets a band this high (pixels): its label above, two bars below.
BAND, NARROW_BAND = 84, 104


def _labels(claims: list[dict], *, lines: int, yshift: int) -> list[dict]:
    """One annotation per claim, above its pair of bars (the y axis has no tick labels:
    long labels would leave no room for the bars on a phone)."""
    annotations = []
    for claim in claims:
        if claim["stated_on"]:
            first = _("%(value)s announced on %(date)s") % {"value": number(claim["value"]), "date": claim["stated_on"]}
        else:
            first = _("%(value)s announced, date not stated") % {"value": number(claim["value"])}
        parts = [first, scope_label(claim), claim_period(claim)]
        text = (
            "<br>".join(html.escape(part) for part in [parts[0], f"{parts[1]}, {parts[2]}"])
            if lines == 2
            else "<br>".join(html.escape(part) for part in parts)
        )
        annotations.append(
            {
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "y": claim["id"],
                "yref": "y",
                "yanchor": "bottom",
                "yshift": yshift,
                "align": "left",
                "showarrow": False,
                "text": text,
            }
        )
    return annotations


def comparison_chart(stats: dict, links: Links) -> Chart:
    """Each announced total beside the sum of the itemised records in its scope and period."""
    sources = SourceList()
    table = comparison_table(stats, sources, links)
    claims = stats["reported"]
    ids = [claim["id"] for claim in claims]
    bar = {"orientation": "h", "textposition": "outside", "cliponaxis": False, "y": ids}
    traces = [
        go.Bar(
            x=[claim["value"] for claim in claims],
            name=_("Announced total"),
            marker={"color": CLAIM_COLOUR},
            text=[number(claim["value"]) for claim in claims],
            customdata=[
                [hover_sources(row.sources), row.link, signed(claim["difference"])]
                for claim, row in zip(claims, table.rows, strict=True)
            ],
            hovertemplate=hovertemplate(
                title_line(_("Announced: %{x:,}")),
                html.escape(_("Difference from the itemised records: ")) + "%{customdata[2]}",
            ),
            **bar,
        ),
        go.Bar(
            x=[claim["itemised"] for claim in claims],
            name=_("Itemised records, same scope and period"),
            marker={"color": ITEMISED_COLOUR},
            text=[number(claim["itemised"]) for claim in claims],
            customdata=[
                [html.escape(_("The cohorts summed are listed on the announced total's page.")), f"{row.link}#itemised"]
                for row in table.rows
            ],
            hovertemplate=hovertemplate(title_line(_("Itemised records: %{x:,}"))),
            **bar,
        ),
    ]
    drawn = figure(
        traces,
        narrow={
            "height": 110 + NARROW_BAND * len(claims),
            "margin": {"l": 8, "r": 36, "t": 40},
            "annotations": _labels(claims, lines=3, yshift=26),
        },
        barmode="group",
        bargap=0.55,
        bargroupgap=0.05,
        height=110 + BAND * len(claims),
        margin={"l": 8, "r": 48, "t": 40},
        annotations=_labels(claims, lines=2, yshift=20),
        xaxis={
            "type": "linear",
            "title": {"text": _("Personnel trained")},
            "rangemode": "tozero",
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
        yaxis={"type": "category", "autorange": "reversed", "showticklabels": False, "rangemode": "normal"},
        legend={"y": -60 / (110 + BAND * max(len(claims), 1)), "yanchor": "top"},
    )
    if claims:
        above = sum(1 for claim in claims if claim["difference"] > 0)
        below = sum(1 for claim in claims if claim["difference"] < 0)
        summary = [
            ngettext(
                "%(count)s announced total of personnel trained is in this selection.",
                "%(count)s announced totals of personnel trained are in this selection.",
                len(claims),
            )
            % {"count": len(claims)},
            _(
                "Each is set beside the sum of the itemised records in its own scope and period: "
                "%(above)s above that sum, %(below)s below it, %(equal)s equal."
            )
            % {"above": above, "below": below, "equal": len(claims) - above - below},
        ]
        summary.extend(
            _(
                "%(value)s announced (%(scope)s, %(period)s, stated: %(date)s); itemised records: %(itemised)s; "
                "difference %(difference)s."
            )
            % {
                "value": number(claim["value"]),
                "scope": scope_label(claim),
                "period": claim_period(claim),
                "date": claim_date(claim),
                "itemised": number(claim["itemised"]),
                "difference": signed(claim["difference"]),
            }
            for claim in claims
        )
    else:
        summary = [_("No announced total of personnel trained is in this selection.")]
    return Chart(
        slug="comparison",
        title=_("Announced totals against itemised records"),
        description=_(
            "Each announced total of personnel trained, beside the completed cohorts in the records for the same "
            "giver, recipient and years (a government stands for all its country's institutions)."
        ),
        figure=drawn,
        summary=summary,
        tables=[table],
        sources=sources,
        notes=[],
        empty=not claims,
    )
