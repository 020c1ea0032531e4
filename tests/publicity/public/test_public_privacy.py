"""R-16.4b, R-X.2: no full name and no full ID number reaches a public page, a download or the cache.

Every public page and download is fetched in both languages, twice (the second answer comes from the
cache), and then every value in the cache is unpacked — pages, rows, workbooks unzipped — and
searched for the names and ID numbers of every person of the site.
"""

import dataclasses
import io
import pickle
import zipfile

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client

from tests.support.public_site import build_public_site, public_urls

pytestmark = pytest.mark.django_db

LANGUAGES = ({}, {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"})


def unpacked(value) -> list[str]:
    """Every text inside a value: strings, UTF-8 bytes, the files of a zip (XLSX), dataclass fields."""
    if value is None or isinstance(value, (int, float, bool)):
        return [str(value)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value)
        if value.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(value)) as archive:
                return [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
        return [value.decode("utf-8", "replace")]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in unpacked(k) + unpacked(v)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [t for item in value for t in unpacked(item)]
    if dataclasses.is_dataclass(value):
        return [t for f in dataclasses.fields(value) for t in unpacked(getattr(value, f.name))]
    return [repr(value)]


def cached_values() -> list:
    backend = caches["default"]
    store = getattr(backend, "_cache", None)
    if isinstance(store, dict):  # LocMemCache: pickled values
        return [pickle.loads(raw) for raw in store.values()]
    redis = store.get_client(write=False)  # RedisCache of a test run: this run's keys only
    values = []
    for key in redis.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}:*"):
        raw = redis.get(key)
        try:
            values.append(int(raw))
        except ValueError:
            values.append(pickle.loads(raw))
    return values


def leaks(texts: list[str], secrets: dict[str, str]) -> list[str]:
    found = []
    for name, id_number in secrets.items():
        for text in texts:
            if name in text:
                found.append(f"name {name}")
            # The full number, and its region and birth date together, which masking hides.
            if id_number in text or id_number[:14] in text:
                found.append(f"ID number of {name}")
    return sorted(set(found))


@pytest.fixture
def site(clock):
    return build_public_site(clock)


def fetch_everything(site) -> list[str]:
    texts = []
    for url in public_urls(site) + ["/public/register/?page=1", f"/public/notices/{site.running.pk}/?rank_from=1"]:
        for headers in LANGUAGES:
            for _ in range(2):
                response = Client().get(url, **headers)
                assert response.status_code == 200, url
                texts += unpacked(response.content) + [f"{k}: {v}" for k, v in response.items()]
    return texts


def test_no_full_name_or_id_number_on_any_public_page_or_download(site):
    texts = fetch_everything(site)
    assert leaks(texts, site.secrets) == []
    # The check looked at the real thing: the masked names and workbook cells are there.
    joined = "\n".join(texts)
    assert "欧**锋" in joined and "周*八" in joined and "sheetData" in joined


def test_no_full_name_or_id_number_in_the_cache(site):
    fetch_everything(site)
    values = cached_values()
    texts = unpacked(values)
    assert leaks(texts, site.secrets) == []
    joined = "\n".join(texts)
    # The pages, the masked rows and the downloads were all cached, and were searched.
    assert "<table" in joined and "欧**锋" in joined and "sheetData" in joined
    assert any(dataclasses.is_dataclass(v) for value in values if isinstance(value, list) for v in value)


def test_the_check_finds_a_leak(site):
    """Guard of the guard: were a page to show a full name and number, the search above would say so."""
    name, id_number = next(iter(site.secrets.items()))
    assert leaks([f"<td>{name}</td><td>{id_number}</td>"], site.secrets) == [f"ID number of {name}", f"name {name}"]
