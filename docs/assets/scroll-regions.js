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
        hint(box, true);
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        hint(box, false);
      }
    });
    document.querySelectorAll(".gpia-matrix-scroll").forEach(function (box) {
      hint(box, box.scrollWidth > box.clientWidth);
    });
  }
  // A visible line above a box that scrolls, so that sighted readers see it does (not by colour or
  // a shadow alone); hidden from screen readers, which hear the region's label instead.
  function hint(box, scrolls) {
    var before = box.previousElementSibling;
    var has = before && before.classList.contains("gpia-scroll-hint");
    if (scrolls && !has) {
      var line = document.createElement("p");
      line.className = "gpia-scroll-hint";
      line.setAttribute("aria-hidden", "true");
      line.textContent = "\u2194 This table scrolls sideways: swipe it, or select it and use the arrow keys.";
      box.parentNode.insertBefore(line, box);
    } else if (!scrolls && has) {
      before.remove();
    }
  }
  window.document$.subscribe(markScrollingTables);
  window.addEventListener("resize", markScrollingTables);
})();
