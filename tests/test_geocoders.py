from geopy.location import Location

from geo.gazetteer.geocoders import CachedGeocoder, OfflineGeocoder


class CountingProvider:
    """A fake provider with geopy's contract that counts its calls."""

    def __init__(self):
        self.calls = 0

    def geocode(self, query, *, exactly_one=True, timeout=None):
        self.calls += 1
        if query == "Nowhere":
            return None
        location = Location(query, (1.0, 2.0), {"name": query})
        return location if exactly_one else [location]


def test_second_run_makes_zero_provider_calls(tmp_path):
    provider = CountingProvider()
    first = CachedGeocoder(provider, path=tmp_path / "cache.sqlite")
    assert first.geocode("Almaty").latitude == 1.0
    assert first.geocode("Nowhere") is None
    first.close()
    assert provider.calls == 2
    second = CachedGeocoder(provider, path=tmp_path / "cache.sqlite")
    assert second.geocode("Almaty").raw == {"name": "Almaty"}
    assert second.geocode("Nowhere") is None
    assert provider.calls == 2


def test_offline_geocoder_has_geopys_contract(gazetteer):
    geocoder = OfflineGeocoder(gazetteer)
    moscow = geocoder.geocode("Moskaus")
    assert isinstance(moscow, Location)
    assert moscow.raw["name"] == "Moscow" and moscow.raw["country_code"] == "RU"
    assert geocoder.geocode("Georgien").raw["feature"] == "country"
    assert len(geocoder.geocode("Aktau", exactly_one=False)) > 1
    assert geocoder.geocode("Xyzzyville") is None


def test_offline_geocoder_behind_the_cache(gazetteer, tmp_path):
    cached = CachedGeocoder(OfflineGeocoder(gazetteer), path=tmp_path / "c.sqlite")
    assert cached.geocode("Nur-Sultan").raw["name"] == "Astana"
    assert cached.geocode("Nur-Sultan").raw["name"] == "Astana"


# A failing online geocoder, against a fake Nominatim on this machine (never the internet).

import json
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from geopy.exc import GeocoderRateLimited, GeocoderServiceError

from geo.gazetteer.geocoders import Retrying, nominatim

ANSWER = [{"place_id": 1, "lat": "43.25", "lon": "76.91", "display_name": "Almaty, Kazakhstan"}]


@pytest.fixture
def fake_nominatim():
    """A local server that plays a script of answers, one per request: (status, headers, body, delay)."""
    script: list[tuple[int, dict, bytes, float]] = []
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            seen.append(self.path)
            status, headers, body, delay = script.pop(0) if script else (200, {}, json.dumps(ANSWER).encode(), 0)
            time.sleep(delay)
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except BrokenPipeError:  # the client gave up waiting, as it should on a slow server
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}", script, seen
    server.shutdown()


def local_nominatim(domain, waits, attempts=4):
    geocode = nominatim(domain=domain, scheme="http", min_delay_seconds=0, timeout=0.5)
    geocode.attempts, geocode._sleep = attempts, waits.append
    return geocode


def test_down_slow_rate_limited_and_garbled_are_retried_with_backoff(fake_nominatim):
    domain, script, seen = fake_nominatim
    script += [(503, {}, b"down", 0), (200, {}, b"{not json", 0), (429, {"Retry-After": "7"}, b"", 0), (200, {}, b"", 1.0)]
    waits: list[float] = []
    geocode = local_nominatim(domain, waits, attempts=5)
    location = geocode("Almaty")
    assert location.latitude == pytest.approx(43.25)
    assert len(seen) >= 5 and waits == [1.0, 2.0, 7.0, 8.0]  # doubling, but Retry-After when the server says


def test_retries_are_bounded_and_then_the_error_is_raised(fake_nominatim):
    domain, script, _ = fake_nominatim
    script += [(429, {"Retry-After": "3600"}, b"", 0)] * 3
    waits: list[float] = []
    with pytest.raises(GeocoderRateLimited):
        local_nominatim(domain, waits, attempts=3)("Almaty")
    assert waits == [30.0, 30.0]  # Retry-After, capped


def test_failures_are_not_cached_as_no_such_place(fake_nominatim, tmp_path):
    domain, script, seen = fake_nominatim
    script += [(503, {}, b"down", 0)] * 2
    cached = CachedGeocoder(local_nominatim(domain, [], attempts=2), path=tmp_path / "c.sqlite", provider="nominatim")
    with pytest.raises(GeocoderServiceError):
        cached.geocode("Almaty")
    assert cached.geocode("Almaty").latitude == pytest.approx(43.25)  # asked again, answered, cached
    asked = len(seen)
    assert cached.geocode("Almaty") is not None and len(seen) == asked


def test_cached_misses_expire(tmp_path):
    provider, now = CountingProvider(), [1_000_000.0]
    cached = CachedGeocoder(provider, path=tmp_path / "c.sqlite", miss_days=1, clock=lambda: now[0])
    assert cached.geocode("Nowhere") is None and cached.geocode("Nowhere") is None and provider.calls == 1
    now[0] += 2 * 86400
    assert cached.geocode("Nowhere") is None and provider.calls == 2
    assert cached.geocode("Almaty") is not None and provider.calls == 3
    now[0] += 400 * 86400
    assert cached.geocode("Almaty") is not None and provider.calls == 3  # answers do not expire


def test_a_damaged_cache_is_moved_aside(tmp_path):
    damaged = tmp_path / "cache.sqlite"
    damaged.write_bytes(b"this is not a database" * 100)
    cached = CachedGeocoder(CountingProvider(), path=damaged)
    assert cached.moved_aside.exists() and cached.moved_aside.read_bytes().startswith(b"this is not")
    assert cached.geocode("Almaty").latitude == 1.0
    assert sqlite3.connect(damaged).execute("SELECT count(*) FROM answers").fetchone()[0] == 1


def test_the_cli_answers_offline_when_the_online_geocoder_fails(capsys, monkeypatch, tmp_path, gazetteer):
    import geo.cli as cli
    import geo.gazetteer.geocoders as geocoders

    def failing(name, **kwargs):
        raise GeocoderServiceError("HTTP Error 503")

    monkeypatch.setattr(geocoders, "nominatim", lambda: Retrying(failing, attempts=2, sleep=lambda s: None))
    monkeypatch.setattr(geocoders, "default_cache_path", lambda: tmp_path / "cache.sqlite")
    assert cli.main(["geocode", "Xyzzyville", "--online"]) == 1
    err = capsys.readouterr().err
    assert "online geocoder did not answer" in err and "no place named 'Xyzzyville'" in err
