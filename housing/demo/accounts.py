"""Demo logins: one per unit and role, with the documented demo password (docs/decisions/0005-demo-data.md)."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model

from departments.models import Unit


DEMO_PASSWORD = "longhua-demo-2026"
DEMO_YEAR = 2026
DEMO_ROUND_NAME = "2026年第一批"
# R-26 / SPEC §13: the C2 subsidy standard is entered by an administrator; this figure is a demo figure only.
DEMO_C2_MONTHLY_SUBSIDY = Decimal("800.00")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    unit: str | None
    roles: tuple[str, ...]
    last_name: str
    first_name: str
    what: str


# One login per unit and role (SPEC §2). Discipline reads everything and changes nothing by its unit.
DEMO_ACCOUNTS = (
    DemoAccount("ccb_clerk", "ccb", ("clerk",), "陈", "晓燕", "CCB clerk: intake, formal review, recheck, notices, selection, contracts"),
    DemoAccount("ccb_reviewer", "ccb", ("reviewer",), "林", "志强", "CCB reviewer: substantive review of C1 and C3"),
    DemoAccount("ccb_head", "ccb", ("head",), "黄", "建国", "CCB head of unit"),
    DemoAccount("org_reviewer", "org_personnel", ("reviewer",), "周", "敏", "Org & Personnel reviewer: C4"),
    DemoAccount("org_head", "org_personnel", ("head",), "吴", "卫东", "Org & Personnel head"),
    DemoAccount("econ_reviewer", "econ_services", ("reviewer",), "郑", "海涛", "Economic Services reviewer: C6"),
    DemoAccount("econ_head", "econ_services", ("head",), "王", "立新", "Economic Services head"),
    DemoAccount("social_reviewer", "social_construction", ("reviewer",), "李", "秀兰", "Social Construction reviewer: C2"),
    DemoAccount("social_head", "social_construction", ("head",), "张", "伟", "Social Construction head"),
    DemoAccount("public_reviewer", "public_affairs", ("reviewer",), "刘", "静", "Public Affairs reviewer: C5"),
    DemoAccount("public_head", "public_affairs", ("head",), "杨", "光明", "Public Affairs head"),
    DemoAccount("finance_clerk", "finance", ("clerk",), "赵", "丽娟", "Finance clerk: starts and pays subsidies"),
    DemoAccount("finance_reviewer", "finance", ("reviewer",), "钱", "立", "Finance reviewer: reviews the month's subsidy batch"),
    DemoAccount("finance_head", "finance", ("head",), "冯", "国庆", "Finance head: approves the month's subsidy batch"),
    DemoAccount("discipline", "discipline", ("reviewer",), "孙", "正", "Discipline inspection: reads everything, read-only"),
    DemoAccount("joint_meeting", "joint_meeting", ("head",), "何", "振华", "Joint Meeting secretariat"),
    DemoAccount("admin", None, ("sysadmin",), "系统", "管理员", "System administrator (Django admin), no unit, no case decisions"),
)


def logins_table() -> str:
    width = max(len(a.username) for a in DEMO_ACCOUNTS)
    lines = [f"{'login'.ljust(width)}  what", f"{'-' * width}  {'-' * 40}"]
    lines += [f"{a.username.ljust(width)}  {a.what}" for a in DEMO_ACCOUNTS]
    lines.append(f"Password of every demo login: {DEMO_PASSWORD}")
    return "\n".join(lines)


def ensure_demo_accounts() -> dict[str, object]:
    """Create the demo logins that do not exist yet; an existing account is left exactly as it is."""
    User = get_user_model()
    units = {u.code: u for u in Unit.objects.all()}
    users = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User(
                username=account.username, first_name=account.first_name, last_name=account.last_name,
                unit=units[account.unit] if account.unit else None, roles=list(account.roles),
                is_staff=account.username == "admin", is_superuser=account.username == "admin",
            )
            user.set_password(DEMO_PASSWORD)
            user.full_clean()
            user.save()
        users[account.username] = user
    return users
