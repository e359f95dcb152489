// The guide's small enhancements; every page works without them.
// - Checklist ticks (/checklist/): kept in this browser's localStorage, never sent anywhere.
// - Copy buttons: each record's citation and link, to the clipboard (see data-gpia-cite).
// - Print buttons: open the browser's print dialog.
(function () {
  "use strict";
  var PREFIX = "gpia-checklist:";

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function countTicks() {
    var boxes = document.querySelectorAll("input[data-gpia-tick]");
    var done = 0;
    boxes.forEach(function (box) { if (box.checked) { done += 1; } });
    document.querySelectorAll("[data-gpia-tick-count]").forEach(function (out) {
      out.textContent = done + " of " + boxes.length + " settled.";
    });
  }

  function setUpTicks() {
    var saved = store();
    var boxes = document.querySelectorAll("input[data-gpia-tick]");
    if (!boxes.length) { return; }
    boxes.forEach(function (box) {
      var key = PREFIX + box.getAttribute("data-gpia-tick");
      if (saved && saved.getItem(key) === "1") { box.checked = true; }
      box.addEventListener("change", function () {
        if (saved) {
          if (box.checked) { saved.setItem(key, "1"); } else { saved.removeItem(key); }
        }
        countTicks();
      });
    });
    document.querySelectorAll("[data-gpia-ticks]").forEach(function (area) {
      if (area.querySelector("button")) { return; }
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "md-button gpia-button";
      clear.textContent = "Clear all ticks";
      clear.addEventListener("click", function () {
        boxes.forEach(function (box) {
          box.checked = false;
          if (saved) { saved.removeItem(PREFIX + box.getAttribute("data-gpia-tick")); }
        });
        countTicks();
      });
      area.appendChild(clear);
    });
    countTicks();
  }

  function announce(button, message) {
    var status = button.parentNode.querySelector(".gpia-copied");
    if (status) { status.textContent = message; }
  }

  function copy(button, text) {
    function done() { announce(button, "Copied."); }
    function failed() { announce(button, "Could not copy: select the text and copy it yourself."); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { if (document.execCommand("copy")) { done(); } else { failed(); } } catch (e) { failed(); }
    document.body.removeChild(area);
    button.focus();
  }

  // Each element with data-gpia-cite (the citation text) and data-gpia-anchor gets two buttons.
  function setUpCopyButtons() {
    document.querySelectorAll("[data-gpia-cite]").forEach(function (record) {
      if (record.hasAttribute("data-gpia-done")) { return; }
      record.setAttribute("data-gpia-done", "");
      var anchor = record.getAttribute("data-gpia-anchor");
      var link = window.location.href.split("#")[0] + (anchor ? "#" + anchor : "");
      var citation = record.getAttribute("data-gpia-cite") + ". " + link;
      var what = record.getAttribute("data-gpia-what") || "this record";
      var bar = document.createElement("p");
      bar.className = "gpia-copy";
      [["Copy citation", citation, "Copy citation: " + what],
       ["Copy link", link, "Copy link: " + what]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "gpia-button";
        button.textContent = spec[0];
        button.setAttribute("aria-label", spec[2]);
        button.addEventListener("click", function () { copy(button, spec[1]); });
        bar.appendChild(button);
      });
      var status = document.createElement("span");
      status.className = "gpia-copied";
      status.setAttribute("role", "status");
      bar.appendChild(status);
      // A paragraph cannot hold another: the buttons then follow it.
      if (record.tagName === "P") { record.insertAdjacentElement("afterend", bar); } else { record.appendChild(bar); }
    });
    document.querySelectorAll("[data-gpia-print]").forEach(function (slot) {
      if (slot.querySelector("button")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button gpia-button";
      button.textContent = slot.getAttribute("data-gpia-print") || "Print this page";
      button.addEventListener("click", function () { window.print(); });
      slot.appendChild(button);
    });
  }

  // A form with data-gpia-filter="<class>" narrows the page to the elements of that class whose
  // data-kind is ticked; without the script the form stays hidden and every element shows.
  function setUpFilters() {
    document.querySelectorAll("form[data-gpia-filter]").forEach(function (form) {
      var items = document.querySelectorAll("." + form.getAttribute("data-gpia-filter"));
      var boxes = form.querySelectorAll("input[type=checkbox]");
      var status = form.querySelector(".gpia-filter-status");
      function apply() {
        var shown = 0;
        var wanted = {};
        boxes.forEach(function (box) { wanted[box.value] = box.checked; });
        items.forEach(function (item) {
          var show = wanted[item.getAttribute("data-kind")] !== false;
          item.hidden = !show;
          if (show) { shown += 1; }
        });
        // A group whose every change is hidden is hidden too, heading and all.
        document.querySelectorAll("[data-gpia-filter-group]").forEach(function (group) {
          group.hidden = !group.querySelector("." + form.getAttribute("data-gpia-filter") + ":not([hidden])");
        });
        if (status) { status.textContent = "Showing " + shown + " of " + items.length + " changes."; }
      }
      boxes.forEach(function (box) { box.addEventListener("change", apply); });
      form.hidden = false;
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
  }

  function start() {
    setUpTicks();
    setUpCopyButtons();
    setUpFilters();
  }
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
