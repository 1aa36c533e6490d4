"""The dashboard in a real headless Chromium, on the live server with the seed data:
charts drawn with the API's numbers, filters that redraw them, hover and click, CSV and
embed links, a phone-sized screen and the keyboard; never a console error, a
Content-Security-Policy violation or a request to another host."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ("cumulative", "per-year", "donations", "comparison")
DEFAULT_QUERY = "donor_country=MX&recipient_country=HT"
# Reports each CSP violation to the console, where the tests look for it.
REPORT_CSP = """document.addEventListener("securitypolicyviolation", (event) =>
  console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI));"""


class Visit:
    """A browser tab on the live server that records what must never happen."""

    def __init__(self, browser, base_url, width):
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
        self.context.add_init_script(REPORT_CSP)
        self.requests, self.foreign, self.errors = [], [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).netloc == urlsplit(self.base_url).netloc:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def open(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.status == 200, path
        return self.page

    def wait_for_charts(self):
        self.page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {len(CHARTS)}", timeout=15_000
        )

    def figure(self, slug, expression):
        return self.page.evaluate(
            f"(() => {{ const gd = document.getElementById('plot-{slug}'); return {expression}; }})()"
        )

    def assert_clean(self):
        assert self.errors == [], self.errors
        assert self.foreign == [], self.foreign
        assert self.requests, "the route saw no request"


@pytest.fixture
def seeded(transactional_db):
    call_command("load_seed", verbosity=0)


@pytest.fixture
def visit(browser, live_server, seeded):
    visits = []

    def make(width=1280):
        visits.append(Visit(browser, live_server.url, width))
        return visits[-1]

    yield make
    for made in visits:
        made.context.close()


def headline(page, name):
    return page.locator(f'[data-headline="{name}"]').get_attribute("data-value")


def test_every_chart_is_drawn_with_the_api_numbers_and_the_announced_total_shows_its_source(visit, live_server):
    tab = visit()
    page = tab.open("/")
    tab.wait_for_charts()
    for slug in CHARTS:
        assert tab.figure(slug, "gd.data.length") > 0, slug
        assert page.locator(f"#plot-{slug} .main-svg").count() >= 1
    api = page.request.get(f"{live_server.url}/api/v1/stats/training/?{DEFAULT_QUERY}").json()
    drawn = tab.figure("cumulative", "gd.data.find((trace) => trace.name === 'All itemised records').y")
    assert drawn == [item["cumulative"] for item in api["series"]]
    assert int(headline(page, "trained")) == api["total"]["trainees"]
    markers = tab.figure("cumulative", "gd.data.find((trace) => trace.name === 'Announced totals').y")
    assert sorted(markers) == sorted(row["value"] for row in api["reported"])
    assert tab.figure("comparison", "gd.data[1].x") == [row["itemised"] for row in api["reported"]]
    # The headline announced total is visible with its sources.
    card = page.locator('[data-headline="announced"]')
    assert card.locator(".figure").inner_text() == "912"
    assert card.get_by_role("link", name="24 Horas Puebla").is_visible()
    tab.assert_clean()


def test_changing_a_filter_redraws_the_charts_with_the_new_numbers(visit, live_server):
    tab = visit()
    page = tab.open("/")
    tab.wait_for_charts()
    mexico = int(headline(page, "trained"))
    page.select_option("#filter-donor_country", "")
    page.fill("#filter-year_min", "2015")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/?*year_min=2015*")
    tab.wait_for_charts()
    query = urlsplit(page.url).query
    assert "donor_country=&" in query + "&"
    api = page.request.get(f"{live_server.url}/api/v1/stats/training/?{query}").json()
    assert int(headline(page, "trained")) == api["total"]["trainees"] != mexico
    providers = tab.figure("cumulative", "gd.data.filter((trace) => trace.stackgroup).map((trace) => trace.name)")
    assert len(providers) > 2  # other partners than Mexico's institutions now
    assert tab.figure("cumulative", "gd.data.find((trace) => trace.name === 'All itemised records').x[0]") == "2015"
    tab.assert_clean()


def test_hover_names_the_sources_and_a_click_opens_the_records(visit):
    tab = visit()
    page = tab.open("/")
    tab.wait_for_charts()
    # The FAd'H bar of 2025: 143 completed the course (eight sources describe that cohort).
    bar = page.locator("#plot-per-year .barlayer .trace").first.locator(".point").last
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    # Plotly listens on a layer above the bars: the mouse goes where the bar is drawn.
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator("#plot-per-year .hoverlayer .hovertext")
    hover.wait_for()
    text = hover.text_content()  # SVG text: no inner_text
    assert "Sources:" in text and "143" in text
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/data/cohorts/?**")
    assert "year_min=2025" in page.url and "stage=completed" in page.url
    assert page.get_by_role("link", name="cohort-2025-sedena-fadh-basic-training").is_visible()
    tab.assert_clean()


def test_csv_and_embed_links_work_and_the_embed_can_be_framed(visit, live_server):
    tab = visit()
    page = tab.open("/")
    tab.wait_for_charts()
    link = page.locator('#chart-cumulative a[data-csv="series"]')
    with page.expect_download() as downloaded:
        link.click()
    assert downloaded.value.suggested_filename.startswith("mexico-haiti-cumulative-series-")
    assert downloaded.value.suggested_filename.endswith(".csv")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.text().splitlines()[0].startswith("year,trainees,cumulative,cohorts")
    browse_csv = page.request.get(f"{live_server.url}/api/v1/cohorts/?{DEFAULT_QUERY}&format=csv")
    assert browse_csv.headers["content-type"].startswith("text/csv")

    with page.expect_download() as image:
        page.get_by_role("button", name="PNG image").first.click()
    assert image.value.suggested_filename == "cumulative.png"
    with open(image.value.path(), "rb") as png:
        assert png.read(8) == b"\x89PNG\r\n\x1a\n"

    embed = page.locator("#chart-comparison details.share a").first.get_attribute("href")
    assert urlsplit(embed).path == "/embed/comparison/"
    page.set_content(f'<iframe src="{embed}" title="embed" width="900" height="900"></iframe>')
    frame = page.frame_locator("iframe")
    frame.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=15_000)
    assert "Source: Mexico–Haiti security cooperation tracker" in frame.locator(".source-line").inner_text()
    tab.assert_clean()


def test_a_phone_screen_and_the_keyboard(visit):
    tab = visit(width=360)
    page = tab.open("/")
    tab.wait_for_charts()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The charts take their narrow layout: taller, the legend under the plot.
    assert tab.figure("cumulative", "gd.layout.height") == 500
    # Every control is reachable with the keyboard, with a visible focus ring.
    for _press in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "filter-year_min":
            break
    assert page.evaluate("document.activeElement.id") == "filter-year_min"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    tab.assert_clean()
