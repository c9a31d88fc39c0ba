from geopy.location import Location

from geo.geocoders import CachedGeocoder, OfflineGeocoder


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
