"""R-X.5: an import confirms exactly the file its preview checked; staged files expire and are purged."""

import datetime

import pytest
from django.utils import timezone

from housing.web.staged_uploads import (
    RENT_IMPORTS,
    STOCK_IMPORTS,
    UnknownUpload,
    UploadChanged,
    UploadedByAnother,
    purge_expired_uploads,
)
from tests.factories import staff


@pytest.fixture
def clerk(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return staff("ccb", "clerk")


def test_the_staged_bytes_come_back_to_their_uploader_once_when_used_up(clerk):
    staged = RENT_IMPORTS.stage(actor=clerk, name="../../租金 2026-10.csv", fmt="csv", content=b"a,b\n1,2\n")
    assert staged.name == "租金 2026-10.csv"  # no path from the browser is kept
    again = RENT_IMPORTS.load(actor=clerk, token=staged.token, sha256=staged.sha256, use_up=True)
    assert again.content == b"a,b\n1,2\n" and again.format == "csv"
    with pytest.raises(UnknownUpload):
        RENT_IMPORTS.load(actor=clerk, token=staged.token)


def test_another_clerk_a_changed_file_a_wrong_digest_and_a_malformed_token_are_refused(clerk, tmp_path):
    staged = STOCK_IMPORTS.stage(actor=clerk, name="stock.csv", fmt="csv", content=b"x")
    with pytest.raises(UploadedByAnother):
        STOCK_IMPORTS.load(actor=staff("ccb", "head"), token=staged.token)
    with pytest.raises(UploadChanged):
        STOCK_IMPORTS.load(actor=clerk, token=staged.token, sha256="0" * 64)
    (tmp_path / "imports" / f"{staged.token}.csv").write_bytes(b"y")
    with pytest.raises(UploadChanged):
        STOCK_IMPORTS.load(actor=clerk, token=staged.token)
    with pytest.raises(UnknownUpload):
        STOCK_IMPORTS.load(actor=clerk, token="../imports/" + staged.token)
    # The areas are separate: a stock token is no rent token.
    with pytest.raises(UnknownUpload):
        RENT_IMPORTS.load(actor=clerk, token=staged.token)


def test_expired_uploads_are_refused_and_purged_from_every_area(clerk, tmp_path):
    stock = STOCK_IMPORTS.stage(actor=clerk, name="stock.csv", fmt="csv", content=b"x")
    rent = RENT_IMPORTS.stage(actor=clerk, name="rent.csv", fmt="csv", content=b"y")
    just_before = timezone.now() + RENT_IMPORTS.lifetime - datetime.timedelta(seconds=5)
    after = timezone.now() + RENT_IMPORTS.lifetime + datetime.timedelta(seconds=1)
    assert purge_expired_uploads(now=just_before) == 0
    assert RENT_IMPORTS.load(actor=clerk, token=rent.token).content == b"y"
    assert purge_expired_uploads(now=after) == 2
    assert purge_expired_uploads(now=after) == 0  # idempotent
    assert not list((tmp_path / "imports").iterdir()) and not list((tmp_path / "rent-imports").iterdir())
    with pytest.raises(UnknownUpload):
        STOCK_IMPORTS.load(actor=clerk, token=stock.token)
