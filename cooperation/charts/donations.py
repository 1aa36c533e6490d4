"""Equipment donations per year and category, counted as records (``stats.donation_stats``)."""

import html

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation import models as domain
from cooperation.charts.base import (
    PALETTE,
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
    number,
    title_line,
)


def donations_chart(donations: dict, donation_sources: list[dict], links: Links) -> Chart:
    """Equipment donations per year by category, counted as records (``stats.donation_stats``)."""
    sources = SourceList()
    buckets: dict[tuple, list[NumberedSource]] = {}
    for row in donation_sources:
        entry = sources.add(row, ("donations", row["public_id"]))
        for bucket in ((row["date__year"], row["category"]), (row["date__year"], None)):
            listed = buckets.setdefault(bucket, [])
            if entry not in listed:
                listed.append(entry)
    labels = dict(domain.DonationCategory.choices)
    series = donations["series"]
    years = [item["year"] for item in series]
    traces = []
    for index, category in enumerate(donations["categories"]):
        traces.append(
            go.Bar(
                x=[str(year) for year in years],
                y=[item["by_category"][category] for item in series],
                name=str(labels.get(category, category)),
                marker={"color": PALETTE[index % len(PALETTE)]},
                customdata=[
                    [
                        hover_sources(buckets.get((item["year"], category), [])),
                        links.donations(year=item["year"], category=category),
                    ]
                    for item in series
                ],
                hovertemplate=hovertemplate(
                    title_line(str(labels.get(category, category))),
                    html.escape(_("Donations recorded in %{x}: %{y:,}")),
                ),
            )
        )
    tallest = max((item["records"] for item in series), default=0)
    drawn = figure(
        traces,
        barmode="stack",
        # Counts of records: whole-number ticks only.
        yaxis={"title": {"text": _("Donations (records)")}, "tickformat": ",d", "dtick": 1 if tallest <= 10 else None},
    )
    total, undated = donations["total"]["records"], donations["undated"]["records"]
    summary = [
        ngettext(
            "%(total)s equipment donation is recorded in this selection.",
            "%(total)s equipment donations are recorded in this selection.",
            total,
        )
        % {"total": number(total)}
    ]
    if total:
        counts = {
            category: sum(item["by_category"][category] for item in series)
            + donations["undated"]["by_category"][category]
            for category in donations["categories"]
        }
        summary.append(
            _("By category: %(split)s.")
            % {"split": ", ".join(f"{labels.get(key, key)} {number(value)}" for key, value in counts.items() if value)}
        )
        summary.append(_("Each bar counts donation records: quantities come in different units and are not added."))
    notes = []
    if undated:
        notes.append(
            ngettext(
                "%(count)s donation has no date in its sources: it is counted above and listed in the table, "
                "but not drawn by year.",
                "%(count)s donations have no date in their sources: they are counted above and listed in the "
                "table, but not drawn by year.",
                undated,
            )
            % {"count": undated}
        )
    columns = [
        Column("year", _("Year"), grouped=False),
        *(Column(f"category:{category}", str(labels.get(category, category))) for category in donations["categories"]),
        Column("records", _("All categories")),
    ]
    rows = [
        Row(
            cells=[item["year"], *(item["by_category"][c] for c in donations["categories"]), item["records"]],
            link=links.donations(year=item["year"]) if item["records"] else None,
            sources=buckets.get((item["year"], None), []),
        )
        for item in series
    ]
    if undated:
        rows.append(
            Row(
                cells=["", *(donations["undated"]["by_category"][c] for c in donations["categories"]), undated],
                link=None,
                sources=buckets.get((None, None), []),
            )
        )
    return Chart(
        slug="donations",
        title=_("Equipment donations over time by category"),
        description=_("Donation records per year and category; a record may be one item or a shipment."),
        figure=drawn,
        summary=summary,
        tables=[Table("donations", _("Equipment donations per year and category (records)"), columns, rows)],
        sources=sources,
        notes=notes,
        empty=not total,
    )


def comparison_chart(stats: dict, links: Links) -> Chart:
    """Each announced total beside the sum of the itemised records in its scope and period."""
