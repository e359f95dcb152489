// Disclosures (<details>) that hold what a link points at: an indicator of a worked example, a
// quotation referred to from elsewhere on the page. A link to something inside a closed one opens
// it, on arrival and on every change of the address's #fragment; printing opens the source wording
// and the indicators, and closes them again afterwards.
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS" && !el.open) { el.open = true; }
    }
    if (target && target.tagName !== "DETAILS") { target.scrollIntoView(); }
  }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = [].slice.call(document.querySelectorAll("details.gpia-rests-on:not([open]), details.gpia-kpi:not([open])"));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  window.addEventListener("hashchange", reveal);
  reveal();
})();
