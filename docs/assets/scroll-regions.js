// Material wraps every table in a box that scrolls sideways when the table is wider than the page,
// but does not make the box focusable, so a keyboard user cannot scroll it (WCAG 2.1.1; axe rule
// scrollable-region-focusable). Make each box that actually scrolls focusable, as a named region.
// Runs after Material has wrapped the tables (document$ emits once the page's components are up).
(function () {
  function markScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        var header = box.querySelector("caption, th");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table, scrolls sideways" +
          (header ? ": " + header.textContent.trim() : ""));
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  window.document$.subscribe(markScrollingTables);
  window.addEventListener("resize", markScrollingTables);
})();
