"""Personnel trained: cumulatively by provider (with announced totals and promised
training) and per year by recipient force, from ``stats.training_stats``."""

import html

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.charts.base import (
    PALETTE,
    PROMISE_COLOUR,
    TOTAL_COLOUR,
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
    title_line,
)
from cooperation.charts.claims import claim_marker_trace, comparison_table, scope_label


def year_sources(rows: list[dict], sources: SourceList, key: str) -> dict[tuple, list[NumberedSource]]:
    """(year, institution) and (year, None) → the numbered sources of the cohorts counted
    there (``rows``: ``stats.series_sources``; ``key``: the institution's column)."""
    result: dict[tuple, list[NumberedSource]] = {}
    for row in rows:
        entry = sources.add(row, ("cohorts", row["public_id"]))
        for bucket in ((row["year"], row[key]), (row["year"], None)):
            listed = result.setdefault(bucket, [])
            if entry not in listed:
                listed.append(entry)
    return result


def ranked(series: list[dict], split: str) -> tuple[list[str], dict[str, int]]:
    """The institutions of a split (``by_provider``, ``by_recipient``), most trained first."""
    keys = list(series[0][split]) if series else []
    totals = {key: sum(item[split][key] for item in series) for key in keys}
    keys.sort(key=lambda key: (-totals[key], key))
    return keys, totals


def not_counted_notes(stats: dict) -> list[str]:
    """What the training series leaves out, said in words (the ``stats`` docstring)."""
    notes = []
    undated = stats["undated"]
    if undated["cohorts"]:
        notes.append(
            ngettext(
                "%(trainees)s personnel in %(cohorts)s completed cohort without a year are part of the "
                "total of %(total)s but are not drawn by year.",
                "%(trainees)s personnel in %(cohorts)s completed cohorts without a year are part of the "
                "total of %(total)s but are not drawn by year.",
                undated["cohorts"],
            )
            % {
                "trainees": number(undated["trainees"]),
                "cohorts": undated["cohorts"],
                "total": number(stats["total"]["trainees"]),
            }
        )
    groups = stats["not_counted"]
    if groups["in_training"]["cohorts"]:
        notes.append(
            ngettext(
                "Not counted as trained: %(trainees)s personnel in %(cohorts)s cohort still in training.",
                "Not counted as trained: %(trainees)s personnel in %(cohorts)s cohorts still in training.",
                groups["in_training"]["cohorts"],
            )
            % {"trainees": number(groups["in_training"]["trainees"]), "cohorts": groups["in_training"]["cohorts"]}
        )
    if groups["selected"]["cohorts"]:
        notes.append(
            ngettext(
                "Not counted as trained: %(trainees)s personnel in %(cohorts)s cohort only selected or expected.",
                "Not counted as trained: %(trainees)s personnel in %(cohorts)s cohorts only selected or expected.",
                groups["selected"]["cohorts"],
            )
            % {"trainees": number(groups["selected"]["trainees"]), "cohorts": groups["selected"]["cohorts"]}
        )
    without_number = groups["without_number"]["cohorts"]
    if without_number:
        notes.append(
            ngettext(
                "Not counted: %(cohorts)s completed cohort for which no source gives a number.",
                "Not counted: %(cohorts)s completed cohorts for which no source gives a number.",
                without_number,
            )
            % {"cohorts": without_number}
        )
    return notes


def pledges_table(stats: dict, sources: SourceList, links: Links) -> Table:
    """Training pledges beside what the itemised records deliver in their scope."""
    rows = [
        Row(
            cells=[
                pledge["id"],
                pledge["promised"],
                pledge["unit"],
                pledge["announced"] or "",
                institution_label(pledge["donor"]),
                institution_label(pledge["recipient"]),
                pledge["counted_years"]["from"],
                pledge["counted_years"]["to"],
                pledge["delivered"],
                pledge["remaining"],
            ],
            link=links.record("pledges", pledge["id"]),
            sources=[sources.add(source, ("pledges", pledge["id"])) for source in pledge["sources"]],
        )
        for pledge in stats["pledges"]
    ]
    columns = [
        Column("id", _("Pledge"), numeric=False),
        Column("promised", _("Promised")),
        Column("unit", _("Unit"), numeric=False),
        Column("announced", _("Announced"), numeric=False),
        Column("donor", _("By"), numeric=False),
        Column("recipient", _("For"), numeric=False),
        Column("year_from", _("Records from"), grouped=False),
        Column("year_to", _("Records to"), grouped=False),
        Column("delivered", _("Delivered according to itemised records")),
        Column("remaining", _("Remaining")),
    ]
    return Table("pledges", _("Training pledges and what the itemised records deliver"), columns, rows)


# --- Cumulative personnel trained --------------------------------------------------------


def _promises(stats: dict) -> list[tuple[dict, int, int]]:
    """(pledge, first year, last year) of each training pledge drawn as a projection: one
    with a number and a first year whose period reaches the last year of the records (a
    projection looks forward; earlier pledges are in the pledges table, with what was
    delivered). Without an end, a pledge is drawn over its first year."""
    series = stats["series"]
    latest = series[-1]["year"] if series else None
    drawn = []
    for pledge in stats["pledges"]:
        first = pledge["counted_years"]["from"]
        if pledge["promised"] is None or first is None:
            continue
        last = max(pledge["counted_years"]["to"] or first, first)
        if latest is None or last >= latest:
            drawn.append((pledge, first, last))
    return drawn


def _categories(stats: dict, promises: list, undated_label: str) -> list[str]:
    """The x axis: every year of the series and of the markers, then "date not stated"."""
    years = {item["year"] for item in stats["series"]}
    years |= {int(claim["stated_on"][:4]) for claim in stats["reported"] if claim["stated_on"]}
    for _pledge, first, last in promises:
        years |= {first - 1, last}
    categories = [str(year) for year in range(min(years), max(years) + 1)] if years else []
    if any(not claim["stated_on"] for claim in stats["reported"]):
        categories.append(undated_label)
    return categories


def _provider_traces(stats, providers, by_year, links) -> list:
    series = stats["series"]
    traces = []
    for index, key in enumerate(providers):
        institution = stats["institutions"][key]
        running, ys, customdata = 0, [], []
        for item in series:
            running += item["by_provider"][key]
            ys.append(running)
            customdata.append(
                [
                    hover_sources(by_year.get((item["year"], key), [])),
                    links.cohorts(year=item["year"], provider=key),
                    item["by_provider"][key],
                ]
            )
        traces.append(
            go.Scatter(
                x=[str(item["year"]) for item in series],
                y=ys,
                name=institution_label(institution),
                mode="lines",
                stackgroup="providers",
                line={"width": 1, "color": PALETTE[index % len(PALETTE)]},
                customdata=customdata,
                hovertemplate=hovertemplate(
                    title_line(institution["name"]),
                    html.escape(_("Cumulative to %{x}: %{y:,}")),
                    html.escape(_("Trained in %{x}: %{customdata[2]:,}")),
                ),
            )
        )
    return traces


def _total_trace(stats, by_year, links):
    series = stats["series"]
    return go.Scatter(
        x=[str(item["year"]) for item in series],
        y=[item["cumulative"] for item in series],
        name=_("All itemised records"),
        mode="lines+markers",
        line={"width": 2.5, "color": TOTAL_COLOUR},
        marker={"size": 6},
        customdata=[
            [hover_sources(by_year.get((item["year"], None), [])), links.cohorts(year=item["year"]), item["trainees"]]
            for item in series
        ],
        hovertemplate=hovertemplate(
            title_line(_("All itemised records")),
            html.escape(_("Cumulative to %{x}: %{y:,}")),
            html.escape(_("Trained in %{x}: %{customdata[2]:,}")),
        ),
    )


def _promise_traces(stats, promises, sources, links) -> list:
    """Each promise as a dashed line: from the itemised cumulative total of the year
    before its period to that total plus the number promised, at the period's end."""
    series = stats["series"]
    cumulative = {item["year"]: item["cumulative"] for item in series}
    traces = []
    for index, (pledge, first, last) in enumerate(promises):
        base_year = first - 1
        if base_year in cumulative:
            base = cumulative[base_year]
        elif series and base_year > series[-1]["year"]:
            base = series[-1]["cumulative"]
        else:
            base = 0
        pledge_sources = [sources.add(source, ("pledges", pledge["id"])) for source in pledge["sources"]]
        traces.append(
            go.Scatter(
                x=[str(base_year), str(last)],
                y=[base, base + pledge["promised"]],
                name=_("Promised training (projection)"),
                legendgroup="promises",
                showlegend=index == 0,
                mode="lines+markers",
                line={"dash": "dash", "width": 2, "color": PROMISE_COLOUR},
                marker={"size": 7, "symbol": "circle-open"},
                customdata=[[hover_sources(pledge_sources), links.record("pledges", pledge["id"])]] * 2,
                hovertemplate=hovertemplate(
                    title_line(_("Promised: %(promised)s") % {"promised": number(pledge["promised"])}),
                    html.escape(pledge["description"]),
                    html.escape(
                        _("%(scope)s, announced %(date)s; drawn from the itemised total of %(base)s")
                        % {
                            "scope": scope_label(pledge),
                            "date": pledge["announced"] or _("(date not stated)"),
                            "base": number(base),
                        }
                    ),
                    html.escape(
                        _("Delivered according to itemised records: %(delivered)s")
                        % {"delivered": number(pledge["delivered"])}
                    ),
                ),
            )
        )
    return traces


def _cumulative_summary(stats, providers, totals, promises) -> list[str]:
    series, claims = stats["series"], stats["reported"]
    summary = []
    if series and series[-1]["cumulative"]:
        summary.append(
            _(
                "According to itemised records, %(cumulative)s personnel completed training from %(first)s to "
                "%(last)s in cohorts with a year."
            )
            % {"cumulative": number(series[-1]["cumulative"]), "first": series[0]["year"], "last": series[-1]["year"]}
        )
        summary.append(
            _("By provider: %(split)s.")
            % {
                "split": ", ".join(
                    f"{institution_label(stats['institutions'][key])} {number(totals[key])}" for key in providers
                )
            }
        )
    else:
        summary.append(_("No completed cohort with a stated number and a year is in this selection."))
    if claims:
        values = [claim["value"] for claim in claims]
        summary.append(
            ngettext(
                "%(count)s announced total is marked (%(low)s).",
                "%(count)s announced totals are marked, from %(low)s to %(high)s.",
                len(claims),
            )
            % {"count": len(claims), "low": number(min(values)), "high": number(max(values))}
        )
    if promises:
        summary.append(
            ngettext(
                "%(count)s training pledge is drawn as a dashed projection from the itemised total.",
                "%(count)s training pledges are drawn as dashed projections from the itemised total.",
                len(promises),
            )
            % {"count": len(promises)}
        )
    return summary


def _series_table(stats, providers, by_year, links) -> Table:
    columns = [
        Column("year", _("Year"), grouped=False),
        Column("trainees", _("Trained that year")),
        Column("cumulative", _("Cumulative")),
        Column("cohorts", _("Cohorts")),
        *(
            Column(
                f"provider:{key}",
                _("%(institution)s, that year") % {"institution": institution_label(stats["institutions"][key])},
            )
            for key in providers
        ),
    ]
    rows = [
        Row(
            cells=[
                item["year"],
                item["trainees"],
                item["cumulative"],
                item["cohorts"],
                *(item["by_provider"][key] for key in providers),
            ],
            link=links.cohorts(year=item["year"]) if item["cohorts"] else None,
            sources=by_year.get((item["year"], None), []),
        )
        for item in stats["series"]
    ]
    return Table("series", _("Personnel trained per year and cumulatively"), columns, rows)


def cumulative_chart(stats: dict, series_sources: list[dict], links: Links) -> Chart:
    """Cumulative personnel trained by year, split by providing institution, with the
    announced totals as labelled markers and promised training as dashed projections.

    ``stats``: ``stats.training_stats``; ``series_sources``: ``stats.series_sources`` of
    the same cohorts."""
    sources = SourceList()
    by_year = year_sources(series_sources, sources, "provider__public_id")
    providers, totals = ranked(stats["series"], "by_provider")
    promises = _promises(stats)
    undated_label = _("date not stated")
    traces = _provider_traces(stats, providers, by_year, links)
    if stats["series"]:
        traces.append(_total_trace(stats, by_year, links))
    traces += _promise_traces(stats, promises, sources, links)
    narrow_traces = {}
    if stats["reported"]:
        traces.append(claim_marker_trace(stats["reported"], sources, links, undated_label))
        # On a phone the markers say their value only; the hover and the table name the sources.
        narrow_traces[len(traces) - 1] = {"text": [number(claim["value"]) for claim in stats["reported"]]}
    drawn = figure(
        traces,
        narrow_traces=narrow_traces,
        xaxis={"categoryorder": "array", "categoryarray": _categories(stats, promises, undated_label)},
        yaxis={"title": {"text": _("Personnel trained, cumulative")}},
    )
    notes = not_counted_notes(stats)
    if any(not claim["stated_on"] for claim in stats["reported"]):
        notes.append(_("Announced totals whose sources give no date are placed in the last column, “date not stated”."))
    return Chart(
        slug="cumulative",
        title=_("Cumulative personnel trained by year"),
        description=_(
            "Completed cohorts with a stated number, by providing institution; announced totals as markers; "
            "promised training as dashed projections."
        ),
        figure=drawn,
        summary=_cumulative_summary(stats, providers, totals, promises),
        tables=[
            _series_table(stats, providers, by_year, links),
            comparison_table(stats, sources, links),
            pledges_table(stats, sources, links),
        ],
        sources=sources,
        notes=notes,
        empty=not stats["series"] and not stats["reported"],
    )


# --- Personnel trained per year, by recipient -------------------------------------------


def per_year_chart(stats: dict, series_sources: list[dict], links: Links) -> Chart:
    """Personnel trained per year, stacked by recipient force."""
    sources = SourceList()
    by_year = year_sources(series_sources, sources, "recipient__public_id")
    series = stats["series"]
    recipients, totals = ranked(series, "by_recipient")
    traces = [
        go.Bar(
            x=[str(item["year"]) for item in series],
            y=[item["by_recipient"][key] for item in series],
            name=institution_label(stats["institutions"][key]),
            marker={"color": PALETTE[index % len(PALETTE)]},
            customdata=[
                [
                    hover_sources(by_year.get((item["year"], key), [])),
                    links.cohorts(year=item["year"], recipient=key),
                ]
                for item in series
            ],
            hovertemplate=hovertemplate(
                title_line(stats["institutions"][key]["name"]), html.escape(_("Trained in %{x}: %{y:,}"))
            ),
        )
        for index, key in enumerate(recipients)
    ]
    drawn = figure(traces, barmode="stack", yaxis={"title": {"text": _("Personnel trained")}})
    busiest = max(series, key=lambda item: item["trainees"], default=None)
    if busiest and busiest["trainees"]:
        summary = [
            _("According to itemised records, the most personnel trained in one year: %(trainees)s in %(year)s.")
            % {"trainees": number(busiest["trainees"]), "year": busiest["year"]},
            _("By recipient, all years shown: %(split)s.")
            % {
                "split": ", ".join(
                    f"{institution_label(stats['institutions'][key])} {number(totals[key])}" for key in recipients
                )
            },
        ]
    else:
        summary = [_("No completed cohort with a stated number and a year is in this selection.")]
    columns = [
        Column("year", _("Year"), grouped=False),
        *(Column(f"recipient:{key}", institution_label(stats["institutions"][key])) for key in recipients),
        Column("trainees", _("All recipients")),
    ]
    rows = [
        Row(
            cells=[item["year"], *(item["by_recipient"][key] for key in recipients), item["trainees"]],
            link=links.cohorts(year=item["year"]) if item["cohorts"] else None,
            sources=by_year.get((item["year"], None), []),
        )
        for item in series
    ]
    return Chart(
        slug="per-year",
        title=_("Personnel trained per year by recipient force"),
        description=_("Completed cohorts with a stated number and a year, by the force the trainees belong to."),
        figure=drawn,
        summary=summary,
        tables=[Table("per-year", _("Personnel trained per year by recipient"), columns, rows)],
        sources=sources,
        notes=not_counted_notes(stats),
        empty=not any(item["trainees"] for item in series),
    )
