"""Keyboard checks: what has focus after a key press, and whether a sighted keyboard user can see it."""
from __future__ import annotations

from playwright.sync_api import Page, TimeoutError

# Describes the focused element for messages, e.g. 'a.md-skip "Skip to content"'.
DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "nothing (the page itself)";
  const classes = typeof el.className === "string" && el.className.trim()
    ? "." + el.className.trim().split(/\\s+/).join(".") : "";
  const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}${classes} "${text}"`;
}"""

# True once the focused element is rendered, at least partly inside the window, not covered by
# another element (such as the sticky header), and drawn with a focus indicator: an outline at least
# 2px wide or a box shadow. Polled, because Material fades some controls in on focus.
FOCUS_IS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true })) return false;
  // The part of it inside the window must be on top at its centre (not under the sticky header).
  const box = el.getBoundingClientRect();
  const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  if (right - left < 1 || bottom - top < 1) return false;
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  if (!hit || !(el.contains(hit) || hit.contains(el))) return false;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return outline || style.boxShadow !== "none";
}"""


def focused(page: Page) -> str:
    return page.evaluate(DESCRIBE_FOCUS)


def at_end_of_page(page: Page) -> bool:
    """Tab went past the last focusable element, to the browser's own controls."""
    return page.evaluate("() => !document.activeElement || document.activeElement === document.body")


# How long a control may take to fade in once focused. Material's fades take a fraction of a second,
# but a browser sharing two busy cores with the rest of the suite has been seen to take over two.
FOCUS_WAIT_MS = 5000


def focus_problem(page: Page) -> str | None:
    """None if the focused element is visibly focused; otherwise what is wrong, naming it."""
    try:
        page.wait_for_function(FOCUS_IS_VISIBLE, timeout=FOCUS_WAIT_MS)
    except TimeoutError:
        return f"{focused(page)} has focus but is hidden, covered or drawn without a focus indicator"
    return None
