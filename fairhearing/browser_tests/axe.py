"""Running axe-core in a page and reporting what it finds in words a developer can act on.

axe-core comes bundled with axe-playwright-python (no network). Only the WCAG 2.2 AA rule sets are
run: level A and AA of WCAG 2.0, 2.1 and 2.2, which is what public sector bodies must meet.
"""

from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_22_AA_TAGS},
    "resultTypes": ["violations"],
}

_axe = Axe()


@dataclass(frozen=True)
class PageViolations:
    """The axe violations found on one page."""

    label: str
    url: str
    violations: list[dict]

    def report(self) -> str:
        """Each violation with its rule, impact, help link, and every element it was found on."""
        lines = [f"{self.label} ({self.url}): {len(self.violations)} violation(s)"]
        for violation in self.violations:
            lines.append(
                f"  - {violation['id']} [{violation.get('impact') or 'n/a'}] {violation['help']}"
                f" ({violation['helpUrl'].split('?')[0]})"
            )
            for node in violation["nodes"]:
                target = " ".join(str(part) for part in node["target"])
                html = " ".join(node.get("html", "").split())
                lines.append(f"      at {target}")
                lines.append(f"         {html[:300]}")
                summary = node.get("failureSummary", "").replace("\n", " ").strip()
                if summary:
                    lines.append(f"         {summary[:400]}")
        return "\n".join(lines)


def axe_check(page: Page, label: str) -> PageViolations:
    """Run axe on the page as it is now."""
    results = _axe.run(page, options=AXE_OPTIONS)
    return PageViolations(label=label, url=page.url, violations=results.response["violations"])


def assert_no_violations(found: list[PageViolations]) -> None:
    """Fail with a readable report of every page that has violations."""
    failing = [page for page in found if page.violations]
    if failing:
        raise AssertionError(
            f"axe-core found WCAG 2.2 AA violations on {len(failing)} of {len(found)} page(s):\n\n"
            + "\n\n".join(page.report() for page in failing)
        )
