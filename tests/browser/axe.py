"""axe-core in a Playwright page: the vendored engine (static/vendor/axe-core, never loaded by a portal page) is
injected by the test itself, run against WCAG 2.x A and AA, and its serious and critical findings returned in words
a reader of a failed test can act on (docs/decisions/0049)."""

import hashlib
import json
from functools import cache
from pathlib import Path

AXE_FILE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"
# The digest of the vendored 4.14.1; static/vendor/axe-core/README.md says how to update both together.
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

# The success criteria of WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe's tags for them).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = frozenset({"serious", "critical"})


@cache
def axe_source() -> str:
    data = AXE_FILE.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert digest == AXE_SHA256, f"{AXE_FILE} is not the vendored axe-core (sha256 {digest}); see its README"
    return data.decode("utf-8")


def inject(page) -> None:
    """Evaluated as a script of the test, so the page's Content-Security-Policy (no inline script, no eval)
    does not apply and needs no loosening."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())


def run(page) -> list[dict]:
    """Every violation axe finds on the page as it is now (all impacts), with the elements that fail."""
    inject(page)
    results = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                          summary: n.failureSummary || ''})),
            }));
        }""",
        WCAG_TAGS,
    )
    return results


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    """One paragraph per rule: its id, impact and help, then each failing element's selector and markup."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            lines.append(f"    {node['target']}    {node['html']}")
            detail = " ".join(node["summary"].split())
            if detail:
                lines.append(f"        {detail[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def report(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)
