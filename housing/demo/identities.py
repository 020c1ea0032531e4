"""Synthetic but valid identity data for the demo (R-X.3): ID numbers with a correct GB 11643 check digit,
credit codes with a correct GB 32100 check character. No real person or employer is meant."""

import datetime
import random

from stdnum.cn import ric, uscc

from housing.demo.accounts import DEMO_YEAR
from housing.groups import Group

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_MALE = "伟强磊军勇杰涛明超辉刚健平波斌宇浩凯鹏飞俊峰建国文华志龙海东晨阳旭鑫宏毅"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪琳颖慧倩洁欣怡佳悦晶莉红梅兰秀英萍丹蕾璐瑶"
# Region codes an ID may carry: Shenzhen districts (incl. Bao'an 440306, which Longhua belonged to, and
# Longhua 440309) and common places of origin. An ID keeps the code it was issued with (R-X.3).
REGIONS_SHENZHEN = ("440309", "440306", "440303", "440304", "440305", "440307")
REGIONS_ELSEWHERE = ("440106", "441502", "445202", "430102", "360102", "420102", "510104", "450102", "350102", "410102")


def id_number(rng: random.Random, *, birth: datetime.date, male: bool, region: str) -> str:
    """A resident ID number with a valid GB 11643 check digit (R-X.3)."""
    serial = rng.randrange(0, 500) * 2 + (1 if male else 0)  # 17th digit: odd for men, even for women
    body = f"{region}{birth:%Y%m%d}{serial:03d}"
    return body + ric.calc_check_digit(body + "?")  # stdnum ignores the last character: the check digit's place


def person_name(rng: random.Random, *, male: bool, surname: str | None = None) -> str:
    pool = GIVEN_MALE if male else GIVEN_FEMALE
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")
    return (surname or rng.choice(SURNAMES)) + given


def birth_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _org_code(serial: int) -> str:
    """A 9-character organisation code with its GB 11714 check character."""
    body = f"{serial:08d}"[-8:]
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2)))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(*, kind: str, serial: int, region: str = "440309") -> str:
    """A unified social credit code with a valid GB 32100 check character (R-X.3).

    Authority and type: 11 agency, 12 public institution (both registered by the staffing office), 91 company.
    """
    prefix = {"agency": "11", "public_institution": "12", "ecw_institution": "12"}.get(kind, "91")
    body = prefix + region + _org_code(serial)
    return body + uscc.calc_check_digit(body)


DEMO_EMPLOYERS = {
    # (name, kind, key-enterprise year); serials make the credit codes stable across runs.
    Group.INSTITUTION_TALENT: [
        ("深圳市龙华区发展和改革局", "agency", None, 7_730_101),
        ("深圳市龙华区人民法院", "agency", None, 7_730_102),
        ("深圳市龙华区城市管理和综合执法局", "agency", None, 7_730_103),
        ("深圳市龙华区政务服务数据管理局信息中心", "public_institution", None, 7_730_201),
        ("深圳市龙华区公证处", "public_institution", None, 7_730_202),
    ],
    Group.ECW_TALENT: [
        ("深圳市龙华区人民医院", "ecw_institution", None, 7_730_301),
        ("深圳市龙华区中心医院", "ecw_institution", None, 7_730_302),
        ("深圳市龙华中学", "ecw_institution", None, 7_730_303),
        ("深圳市龙华区图书馆", "ecw_institution", None, 7_730_304),
    ],
    Group.ENTERPRISE_TALENT: [
        ("深圳市富华精密电子有限公司", "enterprise", DEMO_YEAR, 7_730_401),
        ("深圳市观澜智能装备股份有限公司", "enterprise", DEMO_YEAR, 7_730_402),
        ("深圳市民治生物医药科技有限公司", "enterprise", DEMO_YEAR, 7_730_403),
        # Not on this year's key-enterprise list: its talent is refused under.
        ("深圳市大浪服饰贸易有限公司", "enterprise", None, 7_730_404),
    ],
}


# --- the service-driven demo round --------------------------------------------------------------
