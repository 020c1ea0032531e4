"""Demo housing stock (R-16.8b): two projects — one public-rental, one economic-housing — 5 buildings, 60 homes.

    from housing.demo.stock import seed; seed()          # as the demo login ccb_clerk (housing.demo.accounts)
    seed(actor=some_ccb_clerk)

Goes through the real import (stage → preview → import, housing.stock.services), so the homes carry the same
OfficeAction rows as an imported file. Idempotent: a second run finds every home unchanged; two homes of the
rental project are sent to repair on the first run only.
"""

import io
from decimal import Decimal

import openpyxl
from django.contrib.auth import get_user_model
from django.db import transaction

from housing.models import HousingUnit
from housing.stock.resources import COLUMNS
from housing.stock import services as service

RENTAL = "龙华民治公共租赁住房（演示）"
ECONOMIC = "龙华观澜经济适用住房（演示）"
OWNER = "深圳市龙华新区城市建设局"
TYPES = (("单间", Decimal("32.50")), ("一房一厅", Decimal("45.00")), ("两房一厅", Decimal("65.80")),
         ("三房一厅", Decimal("89.20")))
RENT_PER_M2 = Decimal("26.00")  # demo figures only
MARKET_PER_M2 = Decimal("58.00")
PRICE_PER_M2 = Decimal("11800.00")


def demo_rows() -> list[list]:
    rows = []
    for name, form, buildings, per_building in ((RENTAL, "公共租赁住房", ("1栋", "2栋", "3栋"), 12),
                                               (ECONOMIC, "经济适用住房", ("A座", "B座"), 12)):
        address = "深圳市龙华新区民治街道示范路8号" if form == "公共租赁住房" else "深圳市龙华新区观澜街道示范路18号"
        for building in buildings:
            for i in range(per_building):
                floor = i // 4 + 2
                unit_type, area = TYPES[i % 4] if form == "公共租赁住房" else TYPES[1 + i % 3]
                rental = form == "公共租赁住房"
                rows.append([name, address, OWNER, form, building, f"{floor}{i % 4 + 1:02d}", unit_type, area, floor,
                             (area * RENT_PER_M2).quantize(Decimal("0.01")) if rental else None,
                             None if rental else (area * PRICE_PER_M2).quantize(Decimal("0.01")),
                             (area * MARKET_PER_M2).quantize(Decimal("0.01")) if rental else None])
    return rows


def demo_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([c.zh for c in COLUMNS if c.imported])
    for row in demo_rows():
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def seed(*, actor=None) -> service.ImportReport:
    actor = actor or get_user_model().objects.get(username="ccb_clerk")
    token = service.stage_stock_file(actor=actor, name="demo-stock.xlsx", content=demo_workbook())
    preview = service.preview_stock_import(actor=actor, token=token)
    if preview.problems:
        raise RuntimeError("; ".join(p.text() for p in preview.problems))
    report = service.import_stock_file(actor=actor, token=token, sha256=preview.sha256)
    if report.new:
        for home in HousingUnit.objects.filter(building__project__name=RENTAL, number__in=("201", "302"),
                                               building__name="3栋", status=HousingUnit.Status.AVAILABLE):
            with transaction.atomic():
                service.send_unit_to_repair(actor=actor, unit_id=home.pk, expected_version=home.version,
                                            reason="演示：厨房渗水维修")
    return report
