"""The result of one condition, and how a condition collects what it found."""

from dataclasses import dataclass, field

from housing.rules.eligibility.facts import Dossier, Person


@dataclass(frozen=True)
class ConditionResult:
    id: str
    passed: bool | None  # None: undecided, a needed fact or policy figure is missing
    message_zh: str
    message_en: str


@dataclass
class Findings:
    """Failures win over missing facts: a condition that fails on one fact fails even if
    another is unknown; only when nothing failed does a missing fact leave it undecided."""

    failures: list[tuple[str, str]] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, zh: str, en: str) -> None:
        self.failures.append((zh, en))

    def lack(self, zh: str, en: str) -> None:
        self.missing.append((zh, en))

    def lack_fact(self, who_zh: str, who_en: str, path: str) -> None:
        self.lack(f"{who_zh}：缺少事实 {path}，无法判断", f"{who_en}: the fact {path} is missing, so this cannot be decided")

    def lack_policy(self, zh: str, en: str) -> None:
        self.lack(
            f"政策参数缺失：{zh}尚未录入，须由系统管理员在政策参数中录入",
            f"Policy figure missing: {en} has not been entered; a system administrator must enter it in the policy parameters",
        )

    def result(self, cid: str, ok_zh: str, ok_en: str) -> ConditionResult:
        if self.failures:
            return ConditionResult(cid, False, *_join(self.failures))
        if self.missing:
            return ConditionResult(cid, None, *_join(self.missing))
        return ConditionResult(cid, True, ok_zh, ok_en)


def _join(items: list[tuple[str, str]]) -> tuple[str, str]:
    items = list(dict.fromkeys(items))  # one fact may be missing for two routes
    return "；".join(zh for zh, _ in items), "; ".join(en for _, en in items)


def person_path(dossier: Dossier, person: Person) -> str:
    if person is dossier.applicant:
        return "applicant"
    for i, member in enumerate(dossier.members):
        if member is person:
            return f"members[{i}]"
    raise ValueError("not a person of this dossier")


def who(dossier: Dossier, person: Person) -> tuple[str, str, str]:
    """(label in Chinese, label in English, path in the dossier) of a person."""
    path = person_path(dossier, person)
    if path == "applicant":
        return f"申请人{person.name}", f"Applicant {person.name}", path
    if person.applying:
        return f"共同申请人{person.name}（{path}）", f"Co-applicant {person.name} ({path})", path
    return f"家庭成员{person.name}（{path}）", f"Family member {person.name} ({path})", path


def check_false(findings: Findings, dossier: Dossier, person: Person, fact: str, zh: str, en: str) -> None:
    """A yes/no fact that must be false (has not bought, does not own …)."""
    value = getattr(person, fact)
    who_zh, who_en, path = who(dossier, person)
    if value is None:
        findings.lack_fact(who_zh, who_en, f"{path}.{fact}")
    elif value:
        findings.fail(f"{who_zh}{zh}（{path}.{fact}）", f"{who_en} {en} ({path}.{fact})")
