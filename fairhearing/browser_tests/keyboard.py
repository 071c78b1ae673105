"""Driving a page with the keyboard alone, as someone who cannot use a mouse does.

Everything here moves focus with Tab (or Shift+Tab) and acts with Enter, Space, the arrow keys
and typing. The page is only *read*, never clicked or filled: each helper tabs until the focused
element is the one whose label (what a screen reader would announce) it is looking for, and fails
if that takes more than a page's worth of presses, which would itself be a finding (a control
that cannot be reached, or a focus trap).
"""

from dataclasses import dataclass
from datetime import date

from playwright.sync_api import Page

MAX_PRESSES = 400

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const text = (node) => (node ? node.innerText || node.textContent || '' : '').replace(/\\s+/g, ' ').trim();
  let label = el.labels && el.labels.length ? text(el.labels[0]) : '';
  if (!label) label = el.getAttribute('aria-label') || '';
  if (!label && ['A', 'BUTTON'].includes(el.tagName)) label = text(el);
  const fieldset = el.closest('fieldset');
  const legend = fieldset ? text(fieldset.querySelector('legend')) : '';
  const selected = el.tagName === 'SELECT' && el.selectedIndex >= 0 ? text(el.options[el.selectedIndex]) : '';
  return {tag: el.tagName.toLowerCase(), type: el.type || '', label, legend, selected,
          checked: !!el.checked, value: el.value === undefined ? '' : String(el.value)};
}"""


@dataclass(frozen=True)
class Focused:
    """What has the focus, as an assistive technology would describe it."""

    tag: str
    type: str
    label: str
    legend: str
    selected: str
    checked: bool
    value: str

    def matches(self, *, label: str | None, legend: str | None, tag: str | None) -> bool:
        return ((label is None or self.label.startswith(label))
                and (legend is None or self.legend.startswith(legend))
                and (tag is None or self.tag == tag))


def focused(page: Page) -> Focused | None:
    found = page.evaluate(_FOCUSED)
    return Focused(**found) if found else None


def tab_to(page: Page, *, label: str | None = None, legend: str | None = None,
           tag: str | None = None, backwards: bool = False) -> Focused:
    """Press Tab until the focused element has this label (its start) and/or fieldset legend."""
    key = "Shift+Tab" if backwards else "Tab"
    trail = []
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        now = focused(page)
        if now is not None and now.matches(label=label, legend=legend, tag=tag):
            return now
        trail.append(f"{now.tag}:{now.label or now.legend}" if now else "body")
    raise AssertionError(
        f"Could not reach label={label!r} legend={legend!r} with {key} on {page.url}; "
        f"focus went through: {', '.join(trail[:60])}"
    )


def type_in(page: Page, label: str, text: str, *, legend: str | None = None) -> None:
    """Tab to a text box and type into it, replacing what was there (Ctrl+A selects it)."""
    tab_to(page, label=label, legend=legend)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def type_date(page: Page, legend: str, day: date) -> None:
    """Type a date into the GOV.UK Day, Month and Year boxes under this legend."""
    type_in(page, "Day", str(day.day), legend=legend)
    type_in(page, "Month", str(day.month), legend=legend)
    type_in(page, "Year", str(day.year), legend=legend)


def choose_radio(page: Page, legend: str, option: str) -> None:
    """Tab into a radio group, then arrow to the option (arrows move and select in one go)."""
    now = tab_to(page, legend=legend, tag="input")
    for _ in range(40):
        if now.type == "radio" and now.label.startswith(option):
            if not now.checked:
                page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
        now = focused(page)
    raise AssertionError(f"No option {option!r} in the radios {legend!r}")


def choose_option(page: Page, label: str, option: str) -> None:
    """Tab to a drop-down and arrow through it (closed) until the option is selected."""
    now = tab_to(page, label=label, tag="select")
    seen = []
    for _ in range(60):
        if now.selected.startswith(option):
            return
        seen.append(now.selected)
        page.keyboard.press("ArrowDown")
        now = focused(page)
        if seen and now.selected == seen[-1]:
            break  # the end of the list
    raise AssertionError(f"No option {option!r} in {label!r}; saw {seen}")


def activate(page: Page, label: str, *, tag: str | None = None) -> None:
    """Tab to a button or link with this text and press Enter, waiting for the page it opens."""
    tab_to(page, label=label, tag=tag)
    with page.expect_navigation():
        page.keyboard.press("Enter")
