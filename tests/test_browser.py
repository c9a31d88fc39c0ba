"""What a person clicks, in a real browser with no network: Debian's Chromium via Playwright.

Each app runs as ``streamlit run app.py`` on a free localhost port with a
workspace of its own; every request that would leave this machine is blocked
and recorded, and each test ends by checking that none was made, that no
local request failed and that the console stayed free of errors.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from tests.browser import (
    CHROMIUM, CHROMIUM_ARGS, ROOT, Watch, click_place, expander, map_frame, settled, streamlit_app, tooltips,
    wait_for_place, wait_for_redraw,
)

UPLOADS = Path(__file__).resolve().parent / "data" / "uploads"
ALMATY = "geonames:1526384"
LIMA = "geonames:3936456"  # the city, not the region of Lima beside it
AKTAU = "geonames:610612"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    try:
        import playwright.sync_api as playwright_api
    except ImportError:
        message = "Playwright is missing: pip install -e '.[test]'"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seeds_app(tmp_path_factory):
    with streamlit_app(tmp_path_factory.mktemp("seeds") / "workspace.duckdb") as url:
        yield url


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.watch = Watch(page)
    yield page
    page.close()


def test_a_click_shows_the_popup_at_once_then_every_passage(seeds_app, page):
    page.goto(seeds_app)
    frame = map_frame(page)
    click_place(frame, ALMATY)
    frame.wait_for_selector(".leaflet-popup-content blockquote.popup-passage mark", timeout=2_000)
    page.wait_for_selector("blockquote.passage mark", timeout=30_000)
    assert set(page.locator("blockquote.passage mark").all_inner_texts()) == {"Almaty"}
    assert page.locator("blockquote.passage").count() >= 5  # one article at least each, 5 articles
    assert "place=geonames" in page.url
    page.get_by_role("button", name="Clear selection").click()
    page.wait_for_selector("blockquote.passage", state="detached", timeout=30_000)
    click_place(frame, ALMATY)  # the same circle again
    page.wait_for_selector("blockquote.passage mark", timeout=30_000)
    page.watch.assert_clean()


def test_a_place_in_the_whole_article_is_a_link_that_selects_it(seeds_app, page):
    page.goto(f"{seeds_app}/?place={ALMATY}")
    page.wait_for_selector("blockquote.passage mark", timeout=60_000)
    page.get_by_text("Read the article").first.click()
    article = page.locator("div.article").first
    article.wait_for(timeout=30_000)
    assert set(article.locator("mark").all_inner_texts()) == {"Almaty"}
    other = article.locator("a.place:not(:has(mark))").first  # another place the article names
    name, surface = other.get_attribute("title"), other.inner_text()
    other.click()
    page.get_by_role("heading", name=name, exact=True).wait_for(timeout=60_000)
    assert "place=" in page.url and ALMATY.replace(":", "%3A") not in page.url
    page.wait_for_selector("blockquote.passage mark", timeout=30_000)
    assert surface in page.locator("blockquote.passage mark").all_inner_texts()
    page.watch.assert_clean()


def test_the_map_reads_offline_with_countries_lakes_and_rivers(seeds_app, page):
    page.goto(f"{seeds_app}/?lat=47&lon=72&z=5")  # Kazakhstan, as a shared link frames it
    frame = map_frame(page)
    frame.wait_for_selector(".lake-label", timeout=30_000)  # the water comes after the countries
    assert frame.locator(".leaflet-basemap-pane path").count() >= 4  # countries, their borders, lakes, rivers
    labels = frame.locator(".leaflet-basemap-pane").all_inner_texts()
    assert "Kazakhstan" in labels[0] and "Balkhash" in labels[0] and "Ertis" in labels[0]
    names = " ".join(tooltips(frame))
    for place in ("Almaty", "Astana", "Aktau", "Kazakhstan", "Caspian Sea"):
        assert place in names
    page.watch.assert_clean()


def test_a_link_opens_the_place_the_filters_and_the_map_view(seeds_app, page):
    view_query = {"lat": r"44\.5", "lon": r"70\.25", "z": "6"}
    page.goto(f"{seeds_app}/?place={ALMATY}&type=city&lat=44.5&lon=70.25&z=6")
    page.wait_for_selector("blockquote.passage mark", timeout=60_000)
    assert page.get_by_role("heading", name="Almaty").count() == 1
    frame = map_frame(page)
    assert all("country" not in t for t in tooltips(frame)) and len(tooltips(frame)) < 20
    view = frame.evaluate("() => ({center: window.map.getCenter(), zoom: window.map.getZoom()})")
    assert view["zoom"] == 6 and abs(view["center"]["lat"] - 44.5) < 0.01 and abs(view["center"]["lng"] - 70.25) < 0.01
    page.get_by_role("button", name="Copy link").click()
    link = page.locator('[data-testid="stPopoverBody"] code').inner_text(timeout=10_000)
    assert link.startswith(seeds_app) and f"place={ALMATY.replace(':', '%3A')}" in link and "type=city" in link
    assert all(re.search(rf"{key}=0*{value}0*(&|$)", link) for key, value in view_query.items()), link
    page.watch.assert_clean()


def test_a_filter_changes_the_circles(seeds_app, page):
    page.goto(seeds_app)
    frame = map_frame(page)
    before = len(tooltips(frame))
    box = page.get_by_label("Minimum mentions")
    box.fill("10")
    box.press("Enter")
    wait_for_redraw(page, before)
    assert len(tooltips(map_frame(page))) < before
    assert "min=10" in page.url
    page.watch.assert_clean()


def test_an_export_downloads_valid_files(seeds_app, page):
    page.goto(seeds_app)
    map_frame(page)
    section = expander(page, "Export what the map shows")
    with page.expect_download() as download:
        section.get_by_role("button", name="Mentions (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert rows and {"article", "place", "lat", "lon", "corrected"} <= set(rows[0])
    with page.expect_download() as download:
        section.get_by_role("button", name="Places (GeoJSON)").click()
    collection = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) > 20
    page.watch.assert_clean()


def test_uploads_add_their_places_and_hostile_text_stays_text(tmp_path, page):
    with streamlit_app(tmp_path / "workspace.duckdb") as url:
        page.goto(url)
        map_frame(page)
        expander(page, "Add articles")
        files = [UPLOADS / name for name in ("taldykorgan.txt", "nairobi.html", "archive.csv", "hostile.txt",
                                             "no-text-column.csv")]
        page.locator("input[type=file]").set_input_files([str(f) for f in files])
        page.get_by_role("button", name="Add to the workspace").click()
        page.wait_for_selector("text=5 added", timeout=120_000)
        page.get_by_text("no-text-column.csv: no text column (columns found:").wait_for(timeout=10_000)
        wait_for_place(page, "Reykjav")
        names = " ".join(tooltips(map_frame(page)))
        for place in ("Nairobi", "Reykjavik", "Montevideo", "Taldykorgan", "Lima"):
            assert place in names, place
        # The hostile article: its place's popup, panel and the whole article show its markup as text.
        frame = map_frame(page)
        click_place(frame, LIMA)
        frame.wait_for_selector(".leaflet-popup-content blockquote.popup-passage mark", timeout=10_000)
        assert "{{ 7 * 7 }} {% if 1 %} {# unclosed" in frame.inner_text(".leaflet-popup-content")  # not a template
        page.wait_for_selector("blockquote.passage mark", timeout=30_000)
        assert "{{ 7 * 7 }}" in " ".join(page.locator("blockquote.passage").all_inner_texts())
        page.get_by_text("Read the article").first.click()
        page.wait_for_selector("div.article", timeout=30_000)
        assert "<script>" in page.locator("div.article").first.inner_text()
        assert page.evaluate("() => window.__pwned === undefined")
        page.goto("about:blank")  # leave before the app stops, as a reader closing the tab
    page.watch.assert_clean()


def test_a_session_adds_no_more_files_than_its_allowance(tmp_path, page):
    with streamlit_app(tmp_path / "workspace.duckdb", GEO_SESSION_FILES="1") as url:
        page.goto(url)
        map_frame(page)
        expander(page, "Add articles")
        page.locator("input[type=file]").set_input_files([str(UPLOADS / "taldykorgan.txt"), str(UPLOADS / "nairobi.html")])
        page.get_by_role("button", name="Add to the workspace").click()
        page.wait_for_selector("text=1 added", timeout=120_000)
        page.get_by_text("nairobi.html: this session has added its 1 file;").wait_for(timeout=10_000)
        page.goto("about:blank")
    page.watch.assert_clean()


def test_a_correction_moves_the_place_and_survives_a_restart(tmp_path, page):
    workspace = tmp_path / "workspace.duckdb"
    with streamlit_app(workspace) as url:
        page.goto(f"{url}/?place={ALMATY}")
        page.wait_for_selector("blockquote.passage mark", timeout=90_000)
        form = expander(page, "Correct this place")
        settled(page, form.get_by_text("“Almaty” everywhere").click)
        settled(page, form.get_by_text("another place: search the gazetteer…").click)
        search = form.get_by_role("textbox", name="Search the gazetteer")
        search.fill("Aktau")
        search.press("Enter")
        form.get_by_text("Place", exact=True).wait_for(timeout=30_000)  # the results; the most populous first
        form.get_by_role("button", name="Apply the correction").click()
        page.wait_for_function("() => location.search.includes('place=geonames%3A610612')", timeout=30_000)
        page.goto("about:blank")  # leave before the app stops, as a reader closing the tab
    with streamlit_app(workspace) as url:
        page.goto(url)
        frame = map_frame(page)
        assert not any(t.startswith("Almaty") for t in tooltips(frame))
        log = expander(page, "Corrections (1)")
        assert "“Almaty”" in log.inner_text() and "Almaty → Aktau" in log.inner_text()
    page.watch.assert_clean()


def test_read_only_hides_editing_until_the_password(tmp_path, page):
    with streamlit_app(tmp_path / "workspace.duckdb", GEO_READ_ONLY="1", GEO_EDITOR_PASSWORD="s3cret") as url:
        page.goto(f"{url}/?place={ALMATY}")
        page.wait_for_selector("blockquote.passage mark", timeout=90_000)
        page.get_by_text("Export what the map shows").wait_for(timeout=30_000)  # the whole page, after the map
        assert page.get_by_text("Add articles", exact=True).count() == 0
        assert page.get_by_text("Correct this place", exact=True).count() == 0
        password = page.get_by_label("Editor password")
        password.fill("s3cret")
        password.press("Enter")
        page.get_by_text("Correct this place", exact=True).wait_for(timeout=30_000)
        page.get_by_text("Add articles", exact=True).wait_for(timeout=30_000)  # with the page's rest, after the map
    page.watch.assert_clean()


def test_the_standalone_export_opens_from_disk(tmp_path, page, gazetteer):
    """With a hostile article among the seeds: its markup, links and template syntax stay text."""
    from geo.cli import main

    out = tmp_path / "map.html"
    assert main(["export", str(ROOT / "seeds"), str(UPLOADS / "hostile.txt"), "--html", str(out)]) == 0
    assert out.stat().st_size < 2_000_000
    page.goto(out.as_uri())
    page.wait_for_selector(".leaflet-places-pane canvas", timeout=30_000)
    assert page.locator(".leaflet-basemap-pane path").count() >= 2
    articles = page.locator(".article-list").inner_text()
    assert "6 articles" in articles
    page.locator(".article-list summary").click()
    assert "Protests in Lima <script>window.__pwned = 1</script>" in page.locator(".article-list").inner_text()
    for key, expected in ((ALMATY, "Almaty"), (LIMA, "{{ 7 * 7 }} {% if 1 %} {# unclosed")):
        page.evaluate("""(key) => {
            const map = Object.entries(window).find(([name]) => name.startsWith('map_'))[1];
            map.closePopup();
            map.placeCircles().find(c => String(c.getTooltip().getContent()).includes(key)).openPopup();
        }""", f"|place:{key}")
        page.locator(".leaflet-popup-content", has_text=expected).locator("mark").first.wait_for(timeout=5_000)
    assert page.evaluate("() => window.__pwned === undefined")
    page.watch.assert_clean()


def test_two_readers_saving_at_the_same_moment_both_keep_their_corrections(tmp_path, browser):
    with streamlit_app(tmp_path / "workspace.duckdb") as url:
        readers = []
        for place, name in ((ALMATY, "Almaty"), (AKTAU, "Aktau")):
            reader = browser.new_page(viewport={"width": 1400, "height": 1100})
            reader.watch = Watch(reader)
            reader.goto(f"{url}/?place={place}")
            reader.wait_for_selector("blockquote.passage mark", timeout=90_000)
            form = expander(reader, "Correct this place")
            settled(reader, form.get_by_text(f"“{name}” everywhere").click)
            settled(reader, form.get_by_text("not a place", exact=True).click)
            readers.append((reader, form.get_by_role("button", name="Apply the correction")))
        for _, button in readers:  # one click right after the other: both saves run at once
            button.click(no_wait_after=True)
        for reader, _ in readers:
            reader.get_by_text(re.compile(r"^Corrections \([12]\)$")).wait_for(timeout=30_000)
        check = readers[0][0]
        check.goto(url)
        labels = tooltips(map_frame(check))
        assert not [label for label in labels if label.startswith(("Almaty —", "Aktau —"))], labels
        log = expander(check, "Corrections (2)").inner_text()
        assert "“Almaty”" in log and "“Aktau”" in log
        for reader, _ in readers:
            reader.goto("about:blank")
            reader.watch.assert_clean()
            reader.close()


def test_a_drag_across_the_timeline_keeps_those_days_for_a_reader_east_of_greenwich(tmp_path, browser):
    from geo.cli import main

    archive = tmp_path / "week.csv"
    archive.write_text("title,date,text\n" + "".join(
        f"Day {day},2022-03-0{day},Protesters gathered in Almaty and Astana on day {day}.\n" for day in (5, 6, 7)),
        encoding="utf-8")
    workspace = tmp_path / "workspace.duckdb"
    assert main(["add", str(archive), "--workspace", str(workspace)]) == 0
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, timezone_id="Asia/Almaty")  # UTC+5
    page = context.new_page()
    page.watch = Watch(page)
    with streamlit_app(workspace) as url:
        page.goto(url)
        map_frame(page)
        expander(page, "Timeline: mentions per article date")
        plot = page.locator('[data-testid="stVegaLiteChart"] g.role-frame.root > g > path.background').first
        box = plot.bounding_box(timeout=30_000)  # the bars' area: the first day's bar on its left edge, the last on its right
        middle = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] * 3 / 8, middle)  # from the evening of the 5th to beyond the 7th
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] + 20, middle, steps=10)
        page.mouse.up()
        page.wait_for_function("() => location.search.includes('from=2022-03-06')", timeout=30_000)
        assert "to=2022-03-07" in page.url
        page.get_by_text("2 of 3 articles").first.wait_for(timeout=30_000)
        page.goto("about:blank")
    page.watch.assert_clean()
    context.close()
