// The drafting pack tool (/draft/): a site's parties, decisions, requirements and schedules, kept in
// this browser's localStorage only, and downloaded as a Word pack (tracked changes), a CSV and a
// draft file. Every text from the data or the reader is written with textContent or as a form
// value, never as markup. The page is whole without this script (it offers the blank pack).
// The word-level redline is a port of gpia/compare/tokens.py and gpia/compare/redline.py (the same
// tokens, the same difflib SequenceMatcher, the same clean-up); tests/browser/test_draft.py compares
// the two on every pair of the real data.
(function () {
  "use strict";

  // ---- tokens (gpia.compare.tokens) ---------------------------------------------------------
  // Python's \s, \w and \d on str, written out for JavaScript's Unicode mode.
  var WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  // Python's (?i:...) on these words: s also matches the long s, i the dotted and dotless i.
  function caseless(word) {
    return word.split("").map(function (c) {
      var l = c.toLowerCase();
      if (l === "s") { return "[Ss\\u017f]"; }
      if (l === "i") { return "[Ii\\u0130\\u0131]"; }
      return "[" + c.toUpperCase() + l + "]";
    }).join("");
  }
  var NUMBER = "[£$€]?\\p{Nd}+(?:[.,]\\p{Nd}+)*%?";
  var CLAUSE = "\\p{Nd}+(?:\\.\\p{Nd}+)*(?:\\([0-9a-zA-Z]{1,5}\\))+";
  var WORD_PART = "[\\p{L}\\p{N}]+";
  var WORD = WORD_PART + "(?:[-'\u2019\u2011]" + WORD_PART + ")*";
  var REFERENCE_WORDS = "(?:" + ["Schedule", "Schedules", "Clause", "Clauses", "Paragraph", "Paragraphs", "Annex",
    "Appendix", "Part", "Section", "Row"].map(caseless).join("|") + ")";
  var REFERENCE = REFERENCE_WORDS + "[" + WS + "](?:" + CLAUSE + "|\\p{Nd}+(?:\\.\\p{Nd}+)*[A-Za-z]?)(?![\\p{L}\\p{N}_(])";
  var TOKEN = new RegExp(REFERENCE + "|" + CLAUSE + "|" + NUMBER + "(?![\\p{L}\\p{Nl}\\p{No}])|" + WORD + "|[" + WS +
    "]+|[^\\p{L}\\p{N}_" + WS + "]|_", "gu");
  var ALNUM = /[\p{L}\p{N}]/u;

  function tokens(text) { return text.match(TOKEN) || []; }
  function length(text) { return Array.from(text).length; } // Python's len: code points

  // ---- difflib.SequenceMatcher(None, a, b, autojunk=False) ------------------------------------
  function opcodes(a, b) {
    var b2j = new Map();
    b.forEach(function (elt, i) {
      var list = b2j.get(elt);
      if (!list) { list = []; b2j.set(elt, list); }
      list.push(i);
    });
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var newj2len = new Map(), js = b2j.get(a[i]) || [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) { continue; }
          if (j >= bhi) { break; }
          var k = (j2len.get(j - 1) || 0) + 1;
          newj2len.set(j, k);
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = newj2len;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) { bestsize++; }
      return [besti, bestj, bestsize];
    }
    var queue = [[0, a.length, 0, b.length]], blocks = [];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        blocks.push(m);
        if (q[0] < m[0] && q[2] < m[1]) { queue.push([q[0], m[0], q[2], m[1]]); }
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) { queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]); }
      }
    }
    blocks.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    var i1 = 0, j1 = 0, k1 = 0, joined = [];
    blocks.forEach(function (blk) {
      if (i1 + k1 === blk[0] && j1 + k1 === blk[1]) { k1 += blk[2]; } else {
        if (k1) { joined.push([i1, j1, k1]); }
        i1 = blk[0]; j1 = blk[1]; k1 = blk[2];
      }
    });
    if (k1) { joined.push([i1, j1, k1]); }
    joined.push([a.length, b.length, 0]);
    var i = 0, j = 0, answer = [];
    joined.forEach(function (blk) {
      var tag = "";
      if (i < blk[0] && j < blk[1]) { tag = "replace"; } else if (i < blk[0]) { tag = "delete"; } else if (j < blk[1]) { tag = "insert"; }
      if (tag) { answer.push([tag, i, blk[0], j, blk[1]]); }
      i = blk[0] + blk[2]; j = blk[1] + blk[2];
      if (blk[2]) { answer.push(["equal", blk[0], i, blk[1], j]); }
    });
    return answer;
  }

  // ---- gpia.compare.redline.redline ---------------------------------------------------------
  var MAX_ABSORBED_WORDS = 2;
  function words(text) { return tokens(text).filter(function (t) { return ALNUM.test(t); }).length; }

  function redline(old, neu) {
    var a = tokens(old), b = tokens(neu), ops = [];
    opcodes(a, b).forEach(function (o) {
      if (o[0] === "equal") { ops.push({ kind: "equal", text: a.slice(o[1], o[2]).join("") }); return; }
      if (o[2] > o[1]) { ops.push({ kind: "delete", text: a.slice(o[1], o[2]).join("") }); }
      if (o[4] > o[3]) { ops.push({ kind: "insert", text: b.slice(o[3], o[4]).join("") }); }
    });
    return absorb(ops);
  }

  function absorb(ops) {
    var items = [];
    function size(h) { return Math.max(length(h.deleted), length(h.inserted)); }
    ops.forEach(function (op) {
      if (op.kind === "equal") { items.push(op.text); return; }
      var last = items[items.length - 1];
      if (!last || typeof last === "string") { last = { deleted: "", inserted: "" }; items.push(last); }
      if (op.kind === "delete") { last.deleted += op.text; } else { last.inserted += op.text; }
    });
    var changed = true;
    while (changed) {
      changed = false;
      for (var i = 1; i < items.length - 1; i++) {
        var before = items[i - 1], equal = items[i], after = items[i + 1];
        if (typeof before !== "string" && typeof after !== "string" && typeof equal === "string" &&
            words(equal) <= MAX_ABSORBED_WORDS && length(equal) <= Math.min(size(before), size(after))) {
          items.splice(i - 1, 3, { deleted: before.deleted + equal + after.deleted, inserted: before.inserted + equal + after.inserted });
          changed = true;
          break;
        }
      }
    }
    var result = [];
    items.forEach(function (item) {
      if (typeof item === "string") { result.push({ kind: "equal", text: item }); return; }
      if (item.deleted) { result.push({ kind: "delete", text: item.deleted }); }
      if (item.inserted) { result.push({ kind: "insert", text: item.inserted }); }
    });
    return result;
  }

  window.gpiaRedline = { tokens: tokens, redline: redline };

  var root = document.getElementById("gpia-draft");
  if (!root) { return; }

  // ---- state ---------------------------------------------------------------------------------
  var KEY = "gpia-draft";
  var MAX_IMPORT = 2 * 1024 * 1024;
  var indexUrl = new URL(root.getAttribute("data-gpia-draft").replace(/^draft\//, ""), location.href);
  var index = null, cache = {}, state = null;

  function store() { try { return window.localStorage; } catch (e) { return null; } }
  function empty() {
    return { format: "gpia-draft", format_version: 1, version: index.version.id, parties: {}, decisions: {},
      requirements: {}, own: {}, schedules: {}, done: {} };
  }
  function load() {
    var saved = store(), text = saved && saved.getItem(KEY);
    if (text) {
      try {
        var data = JSON.parse(text), problems = validate(data);
        if (!problems.length) { return data; }
      } catch (e) { /* a broken entry is replaced */ }
    }
    return empty();
  }
  function save() {
    var saved = store();
    if (saved) { try { saved.setItem(KEY, JSON.stringify(state)); } catch (e) { say("Your answers could not be kept in this browser: " + e.message); } }
    updateStatus();
  }

  // ---- the draft file's schema (schema/draft.json), checked by hand -------------------------
  var ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
  var MAX_TEXT = 20000;
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function isText(v) { return typeof v === "string" && v.length <= MAX_TEXT; }
  function validate(d) {
    var problems = [];
    function bad(where, what) { problems.push(where + ": " + what); }
    function keys(obj, where, allowed) {
      Object.keys(obj).forEach(function (k) { if (allowed.indexOf(k) < 0) { bad(where, "unknown field " + JSON.stringify(k.slice(0, 40))); } });
    }
    function map(obj, where, each) {
      if (obj === undefined) { return; }
      if (!isObject(obj)) { bad(where, "must be an object"); return; }
      Object.keys(obj).forEach(function (k) {
        if (!ID.test(k)) { bad(where, "an id must be lower-case letters, digits and hyphens, not " + JSON.stringify(k.slice(0, 40))); return; }
        each(obj[k], where + "." + k);
      });
    }
    if (!isObject(d)) { return ["the file must hold one JSON object"]; }
    keys(d, "draft", ["format", "format_version", "version", "saved", "parties", "decisions", "requirements", "own", "schedules", "done"]);
    if (d.format !== "gpia-draft") { bad("format", "must be \"gpia-draft\""); }
    if (d.format_version !== 1) { bad("format_version", "must be 1"); }
    if (typeof d.version !== "string" || !ID.test(d.version)) { bad("version", "must be a version id"); }
    if (d.saved !== undefined && !(typeof d.saved === "string" && d.saved.length <= 40)) { bad("saved", "must be a date"); }
    if (d.parties !== undefined) {
      if (!isObject(d.parties)) { bad("parties", "must be an object"); } else {
        keys(d.parties, "parties", ["site", "provider", "practices", "federation", "signatories"]);
        Object.keys(d.parties).forEach(function (k) { if (!isText(d.parties[k])) { bad("parties." + k, "must be text"); } });
      }
    }
    map(d.decisions, "decisions", function (v, where) {
      if (!isObject(v)) { bad(where, "must be an object"); return; }
      keys(v, where, ["choice", "other", "note"]);
      if (v.choice !== undefined && v.choice !== null && v.choice !== "other" &&
          !(Number.isInteger(v.choice) && v.choice >= 0 && v.choice <= 99)) { bad(where + ".choice", "must be an option's number, \"other\" or null"); }
      ["other", "note"].forEach(function (k) { if (v[k] !== undefined && !isText(v[k])) { bad(where + "." + k, "must be text"); } });
    });
    map(d.requirements, "requirements", function (v, where) {
      if (!isObject(v)) { bad(where, "must be an object"); return; }
      keys(v, where, ["action", "text", "reason", "hash"]);
      if (["keep", "reword", "leave-out"].indexOf(v.action) < 0) { bad(where + ".action", "must be keep, reword or leave-out"); }
      ["text", "reason"].forEach(function (k) { if (v[k] !== undefined && !isText(v[k])) { bad(where + "." + k, "must be text"); } });
      if (v.hash !== undefined && !(typeof v.hash === "string" && /^[0-9a-f]{16}$/.test(v.hash))) { bad(where + ".hash", "must be 16 hexadecimal digits"); }
    });
    map(d.own, "own", function (v, where) {
      if (!Array.isArray(v) || v.length > 200 || !v.every(isText)) { bad(where, "must be a list of texts"); }
    });
    map(d.schedules, "schedules", function (v, where) {
      map(v, where, function (value, at) {
        var ok = isText(value) || (Array.isArray(value) && value.length <= 500 && (value.every(isText) ||
          value.every(function (row) { return Array.isArray(row) && row.length <= 20 && row.every(isText); })));
        if (!ok) { bad(at, "must be text, a list of texts or rows of texts"); }
      });
    });
    map(d.done, "done", function (v, where) { if (typeof v !== "boolean") { bad(where, "must be true or false"); } });
    return problems;
  }

  // ---- small DOM helpers: text only ----------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (k === "class") { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); } });
    return node;
  }
  var uid = 0;
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }
  function button(text, onClick, cls) {
    var b = el("button", { type: "button", class: "md-button gpia-button " + (cls || ""), text: text });
    b.addEventListener("click", onClick);
    return b;
  }
  function field(label, control, hint) {
    var id = control.id || nextId("draft-field");
    control.id = id;
    var wrap = el("div", { class: "gpia-draft-field" }, [el("label", { for: id, text: label })]);
    if (hint) {
      var hintId = id + "-hint";
      wrap.appendChild(el("p", { id: hintId, class: "gpia-draft-hint", text: hint }));
      control.setAttribute("aria-describedby", hintId);
    }
    wrap.appendChild(control);
    return wrap;
  }
  function textarea(value, onInput, rows) {
    var t = el("textarea", { rows: String(rows || 3) });
    t.value = value || "";
    if (onInput) { t.addEventListener("input", function () { onInput(t.value); }); }
    return t;
  }
  function say(message) {
    var live = document.getElementById("gpia-draft-live");
    if (live) { live.textContent = ""; setTimeout(function () { live.textContent = message; }, 50); }
  }
  function showRedline(target, ops) {
    target.textContent = "";
    ops.forEach(function (op) {
      if (op.kind === "equal") { target.appendChild(document.createTextNode(op.text)); return; }
      var tag = op.kind === "delete" ? "del" : "ins";
      var node = el(tag, { class: "gpia-" + tag + (ALNUM.test(op.text) ? "" : " gpia-punct") },
        [el("span", { class: "gpia-sr-only", text: op.kind === "delete" ? "deleted: " : "inserted: " }), op.text]);
      target.appendChild(node);
    });
  }

  // ---- data ----------------------------------------------------------------------------------
  function fetchJson(url) {
    return fetch(url).then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }
  function taskData(task) {
    if (!task.data) { return Promise.resolve(null); }
    if (!cache[task.id]) {
      cache[task.id] = fetchJson(new URL(task.data, indexUrl)).then(function (data) { loaded[task.id] = data; return data; });
    }
    return cache[task.id];
  }
  function allData() {
    return Promise.all(index.tasks.map(taskData)).then(function (list) {
      var found = {};
      index.tasks.forEach(function (t, i) { found[t.id] = list[i]; });
      return found;
    });
  }

  // ---- status --------------------------------------------------------------------------------
  var STATUS = { none: "Not started", some: "In progress", done: "Completed" };
  var loaded = {}; // task id -> its data, once read
  function any(obj) {
    return !!obj && Object.keys(obj).some(function (k) {
      var v = obj[k];
      return Array.isArray(v) ? v.length > 0 : isObject(v) ? any(v) : (v !== "" && v !== null && v !== undefined);
    });
  }
  function status(task) {
    if (task.kind === "check") { return null; }
    if (state.done[task.id]) { return "done"; }
    var some = false;
    if (task.kind === "parties") { some = any(state.parties); }
    if (task.kind === "decisions") { some = any(state.decisions); }
    if (task.kind === "schedule") { some = any(state.schedules[task.schedule]); }
    if (task.kind === "requirements" && loaded[task.id]) {
      some = loaded[task.id].rows.some(function (row) {
        return (state.own[row.id] || []).length > 0 || row.requirements.some(function (r) { return state.requirements[r.id]; });
      });
    }
    return some ? "some" : "none";
  }
  function workTasks() { return index.tasks.filter(function (t) { return t.kind !== "check"; }); }
  function updateStatus() {
    var tasks = workTasks(), done = tasks.filter(function (t) { return state.done[t.id]; }).length;
    var out = document.getElementById("gpia-draft-count");
    if (out) { out.textContent = done + " of " + tasks.length + " tasks completed."; }
    index.tasks.forEach(function (t) {
      var tag = document.getElementById("status-" + t.id), s = status(t);
      if (tag && s) { tag.textContent = STATUS[s]; tag.className = "gpia-draft-status gpia-draft-status--" + s; }
    });
  }

  // ---- the page: task list and one task at a time ------------------------------------------
  var list, panel;
  function build() {
    root.textContent = "";
    root.hidden = false;
    root.appendChild(el("p", { id: "gpia-draft-live", class: "gpia-draft-live", role: "status", "aria-live": "polite" }));
    list = el("div", { class: "gpia-draft-tasks" });
    panel = el("section", { class: "gpia-draft-panel", "aria-labelledby": "gpia-draft-task-title" });
    root.appendChild(list);
    root.appendChild(panel);
    list.appendChild(el("h2", { id: "draft-tasks", text: "Your drafting pack, for " + index.version.label }));
    list.appendChild(el("p", { id: "gpia-draft-count", class: "gpia-draft-count" }));
    var ul = el("ul", { class: "gpia-task-list" });
    index.tasks.forEach(function (t) {
      var link = el("a", { href: "#task-" + t.id, id: "link-" + t.id, text: t.title });
      var li = el("li", { class: "gpia-task-list__item" }, [el("span", { class: "gpia-task-list__name" }, [link])]);
      if (t.kind !== "check") {
        var tag = el("span", { id: "status-" + t.id, class: "gpia-draft-status" });
        link.setAttribute("aria-describedby", "status-" + t.id);
        li.appendChild(tag);
      }
      ul.appendChild(li);
    });
    list.appendChild(ul);
    updateStatus();
    if (any(state.requirements) || any(state.own)) {
      Promise.all(index.tasks.filter(function (t) { return t.kind === "requirements"; }).map(taskData)).then(updateStatus, function () {});
    }
    route();
  }

  function route() {
    var m = /^#task-([a-z0-9-]+)$/.exec(location.hash);
    var task = m && index.tasks.filter(function (t) { return t.id === m[1]; })[0];
    if (!task) { panel.hidden = true; list.hidden = false; panel.textContent = ""; return; }
    list.hidden = true;
    panel.hidden = false;
    openTask(task);
  }

  function openTask(task) {
    panel.textContent = "";
    panel.appendChild(backLink(task, "Back to the task list"));
    var heading = el("h2", { id: "gpia-draft-task-title", tabindex: "-1", text: task.title });
    panel.appendChild(heading);
    var body = el("div", { class: "gpia-draft-body", text: "Loading…" });
    panel.appendChild(body);
    heading.focus();
    taskData(task).then(function (data) {
      body.textContent = "";
      if (task.kind === "parties") { partiesForm(body); }
      if (task.kind === "decisions") { decisionsForm(body, data); }
      if (task.kind === "requirements") { requirementsForm(body, task, data); }
      if (task.kind === "schedule") { scheduleForm(body, task, data); }
      if (task.kind === "check") { checkPage(body); return; }
      body.appendChild(completedBox(task));
      body.appendChild(backLink(task, "Save and go back to the task list"));
    }).catch(function (e) { body.textContent = "This task's data could not be read: " + e.message; say(body.textContent); });
  }

  // A paragraph with a link back to the task list, which then has the focus on the task's own link.
  function backLink(task, text) {
    var link = el("a", { href: "#draft-tasks", class: "gpia-draft-back", text: text });
    link.addEventListener("click", function (e) {
      e.preventDefault();
      history.pushState(null, "", location.pathname + location.search);
      route();
      var own = document.getElementById("link-" + task.id);
      if (own) { own.focus(); }
    });
    return el("p", {}, [link]);
  }

  function completedBox(task) {
    var box = el("input", { type: "checkbox", id: "done-" + task.id });
    box.checked = !!state.done[task.id];
    box.addEventListener("change", function () {
      if (box.checked) { state.done[task.id] = true; } else { delete state.done[task.id]; }
      save();
    });
    return el("div", { class: "gpia-draft-done" }, [box, el("label", { for: box.id, text: "I have completed this task" })]);
  }

  var PARTIES = [
    ["site", "Name of your local site or area", "Used on the pack's title page and as the author of its tracked changes.", 1],
    ["provider", "The integrated care provider", "Its name, and who signs for it.", 2],
    ["practices", "The GP practices", "One per line: each practice, and who signs for it.", 5],
    ["federation", "Any GP federation", "Its name and its part, if there is one.", 2],
    ["signatories", "Who signs, and on what authority", "For example a partner of each practice, or a federation holding a power of attorney.", 3]];
  function partiesForm(body) {
    PARTIES.forEach(function (p) {
      var control = p[3] === 1 ? el("input", { type: "text", autocomplete: "organization" }) : textarea("", null, p[3]);
      control.id = "party-" + p[0];
      control.value = state.parties[p[0]] || "";
      control.addEventListener("input", function () { setText(state.parties, p[0], control.value); save(); });
      body.appendChild(field(p[1], control, p[2]));
    });
  }
  function setText(obj, key, value) { if (value) { obj[key] = value; } else { delete obj[key]; } }

  function sourceWording(items, summary) {
    var details = el("details", { class: "gpia-draft-source" }, [el("summary", { text: summary })]);
    items.forEach(function (q) {
      details.appendChild(el("blockquote", {}, [el("p", { text: "“" + q.words + "”" })]));
      details.appendChild(el("p", { class: "gpia-draft-hint", text: "Source wording: " + q.where }));
    });
    return details;
  }

  function decisionsForm(body, decisions) {
    decisions.forEach(function (d) {
      var answer = state.decisions[d.id] || {};
      var set = el("fieldset", { class: "gpia-draft-decision", id: "decision-" + d.id }, [el("legend", { text: d.title })]);
      set.appendChild(el("p", { text: d.ask }));
      set.appendChild(el("p", { class: "gpia-draft-hint", text: "Who decides: " + d.who_decides }));
      function update(key, value) {
        var a = state.decisions[d.id] || {};
        if (value === "" || value === null || value === undefined) { delete a[key]; } else { a[key] = value; }
        if (Object.keys(a).length) { state.decisions[d.id] = a; } else { delete state.decisions[d.id]; }
        save();
      }
      var other = textarea(answer.other, function (v) { update("other", v); }, 2);
      other.id = "decision-" + d.id + "-other-words";
      var choices = d.options.map(function (o, i) { return [i, o]; }).concat([["other", "Other, in our own words"]]);
      choices.forEach(function (c) {
        var radio = el("input", { type: "radio", name: "decision-" + d.id, id: "decision-" + d.id + "-" + c[0], value: String(c[0]) });
        radio.checked = answer.choice === c[0];
        radio.addEventListener("change", function () { if (radio.checked) { update("choice", c[0]); } });
        set.appendChild(el("div", { class: "gpia-draft-choice" }, [radio, el("label", { for: radio.id, text: c[1] })]));
      });
      set.appendChild(field("Our own words (if other)", other));
      set.appendChild(field("Note", textarea(answer.note, function (v) { update("note", v); }, 2), "Reasons, who agreed it and when."));
      set.lastChild.querySelector("textarea").id = "decision-" + d.id + "-note";
      set.lastChild.querySelector("label").setAttribute("for", "decision-" + d.id + "-note");
      set.lastChild.querySelector("p").id = "decision-" + d.id + "-note-hint";
      set.lastChild.querySelector("textarea").setAttribute("aria-describedby", "decision-" + d.id + "-note-hint");
      if (d.rests_on.length) { set.appendChild(sourceWording(d.rests_on, "The source wording this decision rests on")); }
      if (d.example) {
        set.appendChild(el("p", {}, [el("a", { href: new URL(d.example.url, location.href).pathname + new URL(d.example.url, location.href).hash,
          text: "Worked example: " + d.example.label + " (illustrative, not NHS wording)" })]));
      }
      body.appendChild(set);
    });
  }

  function requirementsForm(body, task, data) {
    body.appendChild(el("p", { text: "For each suggested requirement of the national text (" + index.version.label +
      ", “" + data.heading + "”): keep it as printed, reword it (your words are compared with the national text word by word), or leave it out with a reason. Add your site's own requirements under each row." }));
    data.rows.forEach(function (row) {
      var section = el("div", { class: "gpia-draft-row", id: "row-" + row.id });
      section.appendChild(el("h3", { text: row.row + " " + row.title }));
      row.requirements.forEach(function (r) {
        section.appendChild(requirementItem(task, r));
      });
      section.appendChild(ownRequirements(task, row));
      body.appendChild(section);
    });
  }

  function requirementItem(task, r) {
    var answer = state.requirements[r.id] || {};
    var set = el("fieldset", { class: "gpia-draft-requirement", id: "req-" + r.id });
    set.appendChild(el("legend", { text: "Requirement " + r.bullet }));
    set.appendChild(el("blockquote", { class: "gpia-draft-national" }, [el("p", { text: r.text })]));
    r.defers.forEach(function (d) {
      var p = el("p", { class: "gpia-draft-hint" }, ["The placeholder “" + d.placeholder + "” is completed in "]);
      p.appendChild(d.task ? el("a", { href: "#task-" + d.task, text: d.label }) : document.createTextNode(d.label));
      p.appendChild(document.createTextNode("."));
      set.appendChild(p);
    });
    var reword = textarea(answer.action === "reword" ? answer.text : r.text, function (v) { put({ text: v }); shown(); }, 3);
    reword.id = "req-" + r.id + "-text";
    var line = el("p", { class: "gpia-draft-redline", id: "req-" + r.id + "-redline" });
    var reason = textarea(answer.reason, function (v) { put({ reason: v }); }, 2);
    reason.id = "req-" + r.id + "-reason";
    var rewordBox = el("div", { class: "gpia-draft-reword" }, [field("Your wording", reword),
      el("p", { class: "gpia-draft-hint", text: "Against the national text:" }), line]);
    var reasonBox = el("div", { class: "gpia-draft-reason" }, [field("Why you leave it out", reason, "Written into the pack as a comment on the deletion.")]);
    function put(change) {
      var a = state.requirements[r.id] || { action: "keep" };
      Object.keys(change).forEach(function (k) { if (change[k] === "" && k !== "text") { delete a[k]; } else { a[k] = change[k]; } });
      a.hash = r.hash;
      state.requirements[r.id] = a;
      save();
    }
    function shown() {
      var a = state.requirements[r.id] || {};
      rewordBox.hidden = a.action !== "reword";
      reasonBox.hidden = a.action !== "leave-out";
      if (a.action === "reword") { showRedline(line, redline(r.text, reword.value)); }
    }
    [["keep", "Keep as printed"], ["reword", "Reword"], ["leave-out", "Leave out"]].forEach(function (c) {
      var radio = el("input", { type: "radio", name: "req-" + r.id, id: "req-" + r.id + "-" + c[0], value: c[0] });
      radio.checked = answer.action === c[0];
      radio.addEventListener("change", function () {
        if (!radio.checked) { return; }
        var change = { action: c[0] };
        if (c[0] === "reword") { change.text = reword.value; }
        put(change);
        shown();
      });
      set.appendChild(el("div", { class: "gpia-draft-choice" }, [radio, el("label", { for: radio.id, text: c[1] })]));
    });
    set.appendChild(rewordBox);
    set.appendChild(reasonBox);
    shown();
    return set;
  }

  function ownRequirements(task, row) {
    var box = el("div", { class: "gpia-draft-own" });
    var heading = el("h4", { text: "Your site's own requirements for this row" });
    var items = el("div");
    function draw() {
      items.textContent = "";
      (state.own[row.id] || []).forEach(function (text, i) {
        var t = textarea(text, function (v) { state.own[row.id][i] = v; save(); }, 2);
        t.id = "own-" + row.id + "-" + i;
        var wrap = field("Own requirement " + (i + 1), t);
        wrap.appendChild(button("Remove own requirement " + (i + 1), function () {
          state.own[row.id].splice(i, 1);
          if (!state.own[row.id].length) { delete state.own[row.id]; }
          save(); draw(); say("Own requirement removed.");
          addButton.focus();
        }, "gpia-draft-secondary"));
        items.appendChild(wrap);
      });
    }
    var addButton = button("Add a requirement to row " + row.row, function () {
      (state.own[row.id] = state.own[row.id] || []).push("");
      save(); draw();
      var last = items.querySelectorAll("textarea");
      last[last.length - 1].focus();
    }, "gpia-draft-secondary");
    box.appendChild(heading);
    box.appendChild(items);
    box.appendChild(addButton);
    draw();
    return box;
  }

  function scheduleForm(body, task, s) {
    var values = function () { return state.schedules[s.id] || {}; };
    function put(fieldId, value) {
      var v = state.schedules[s.id] || {};
      var blank = value === "" || (Array.isArray(value) && value.every(function (x) { return Array.isArray(x) ? x.every(function (c) { return !c; }) : !x; }));
      if (blank && !(Array.isArray(value) && value.length)) { delete v[fieldId]; } else { v[fieldId] = value; }
      if (Object.keys(v).length) { state.schedules[s.id] = v; } else { delete state.schedules[s.id]; }
      save();
    }
    body.appendChild(el("p", { text: s.summary }));
    body.appendChild(el("p", {}, [el("a", { href: new URL(s.url, location.href).pathname + "#template", text: "This schedule in the guide" })]));
    s.fields.forEach(function (f) {
      var box = el("div", { class: "gpia-draft-schedule-field", id: "field-" + s.id + "-" + f.id });
      var label = f.label + " (" + (f.required ? "required" : "optional") + ")";
      var current = values()[f.id];
      if (f.kind === "table" || f.kind === "kpi-table") {
        box.appendChild(tableField(s, f, label, current, put));
      } else {
        var control;
        if (f.kind === "number") {
          control = el("input", { type: "text", inputmode: "decimal" });
          control.value = typeof current === "string" ? current : "";
        } else {
          control = textarea(f.kind === "list" ? (Array.isArray(current) ? current.join("\n") : "") : (typeof current === "string" ? current : ""), null, f.kind === "list" ? 4 : 3);
        }
        control.id = "sched-" + s.id + "-" + f.id;
        control.addEventListener("input", function () {
          if (f.kind === "list") { put(f.id, control.value.split("\n").filter(function (x) { return x.trim(); })); } else { put(f.id, control.value); }
        });
        var hint = f.guidance + (f.kind === "list" ? " One item per line." : "") + (f.unit ? " Unit: " + f.unit + "." : "");
        box.appendChild(field(label, control, hint));
      }
      if (s.example && s.example.values[f.id] !== undefined) { box.appendChild(exampleOf(s, f)); }
      body.appendChild(box);
    });
  }

  function exampleOf(s, f) {
    var value = s.example.values[f.id];
    var details = el("details", { class: "gpia-draft-example" }, [el("summary", { text: "Worked example for " + s.example.site + " (illustrative, not NHS wording)" })]);
    if (Array.isArray(value) && Array.isArray(value[0])) {
      var table = el("table", {}, [el("thead", {}, [el("tr", {}, f.columns.map(function (c) { return el("th", { scope: "col", text: c.label }); }))])]);
      var tbody = el("tbody");
      value.forEach(function (row) { tbody.appendChild(el("tr", {}, row.map(function (c) { return el("td", { text: c }); }))); });
      table.appendChild(tbody);
      details.appendChild(el("div", { class: "gpia-draft-scroll", tabindex: "0", role: "region", "aria-label": "Worked example: " + f.label }, [table]));
    } else if (Array.isArray(value)) {
      details.appendChild(el("ul", {}, value.map(function (v) { return el("li", { text: v }); })));
    } else {
      details.appendChild(el("p", { text: value }));
    }
    return details;
  }

  function tableField(s, f, label, current, put) {
    var rows = Array.isArray(current) && Array.isArray(current[0]) ? current.map(function (r) { return r.slice(); }) : [];
    if (!rows.length) { rows.push(f.columns.map(function () { return ""; })); }
    var wrap = el("div", { class: "gpia-draft-table-field" });
    var groupId = "sched-" + s.id + "-" + f.id;
    wrap.appendChild(el("h3", { id: groupId + "-label", text: label }));
    wrap.appendChild(el("p", { class: "gpia-draft-hint", text: f.guidance }));
    var holder = el("div");
    wrap.appendChild(holder);
    function commit() { put(f.id, rows.filter(function (r) { return r.some(function (c) { return c; }); })); }
    function draw(focusRow) {
      holder.textContent = "";
      rows.forEach(function (row, i) {
        var set = el("fieldset", { class: "gpia-draft-table-row" }, [el("legend", { text: f.label + ": row " + (i + 1) })]);
        f.columns.forEach(function (c, j) {
          var input = el("input", { type: "text", id: groupId + "-r" + i + "-" + c.id });
          input.value = row[j] || "";
          input.addEventListener("input", function () { rows[i][j] = input.value; commit(); });
          set.appendChild(field(c.label, input));
        });
        if (rows.length > 1) {
          set.appendChild(button("Remove row " + (i + 1), function () { rows.splice(i, 1); commit(); draw(); say("Row removed."); addRow.focus(); }, "gpia-draft-secondary"));
        }
        holder.appendChild(set);
      });
      if (focusRow !== undefined) { holder.querySelectorAll("fieldset")[focusRow].querySelector("input").focus(); }
    }
    var addRow = button("Add a row to " + f.label, function () {
      rows.push(f.columns.map(function () { return ""; }));
      draw(rows.length - 1);
      say("Row " + rows.length + " added.");
    }, "gpia-draft-secondary");
    wrap.appendChild(addRow);
    draw();
    return wrap;
  }

  // ---- check your answers --------------------------------------------------------------------
  function stillOpen(data) {
    var open = [];
    if (!state.parties.site) { open.push(["parties", "The name of your site"]); }
    (data.decisions || []).forEach(function (d) {
      var a = state.decisions[d.id];
      if (!a || a.choice === undefined || a.choice === null) { open.push(["decisions", "Decision: " + d.title]); } else if (a.choice === "other" && !a.other) { open.push(["decisions", "Own words for: " + d.title]); }
    });
    index.tasks.forEach(function (t) {
      var d = data[t.id];
      if (t.kind === "requirements") {
        d.rows.forEach(function (row) {
          row.requirements.forEach(function (r) {
            var a = state.requirements[r.id];
            if (!a) { open.push([t.id, t.title + ", row " + row.row + " requirement " + r.bullet + ": keep, reword or leave out"]); } else if (a.action === "leave-out" && !a.reason) { open.push([t.id, t.title + ", row " + row.row + " requirement " + r.bullet + ": the reason for leaving it out"]); }
          });
        });
      }
      if (t.kind === "schedule") {
        d.fields.forEach(function (f) {
          var v = (state.schedules[d.id] || {})[f.id];
          if (f.required && (!v || !v.length)) { open.push([t.id, d.label + ": " + f.label]); }
        });
      }
    });
    return open;
  }

  function checkPage(body) {
    body.textContent = "Loading every task…";
    allData().then(function (data) {
      body.textContent = "";
      var summary = el("dl", { class: "gpia-draft-summary" });
      workTasks().forEach(function (t) {
        var s = status(t);
        summary.appendChild(el("dt", {}, [el("a", { href: "#task-" + t.id, text: t.title })]));
        summary.appendChild(el("dd", { text: STATUS[s] + ". " + describe(t, data[t.id]) }));
      });
      body.appendChild(el("h3", { text: "Your answers" }));
      body.appendChild(summary);
      var open = stillOpen(data);
      body.appendChild(el("h3", { text: "Still open (" + open.length + ")" }));
      if (open.length) {
        body.appendChild(el("ul", { class: "gpia-draft-open" }, open.map(function (o) { return el("li", {}, [el("a", { href: "#task-" + o[0], text: o[1] })]); })));
      } else {
        body.appendChild(el("p", { text: "Nothing is still open." }));
      }
      body.appendChild(el("h3", { text: "Download" }));
      body.appendChild(el("p", { text: "The pack shows every departure from the national text as a tracked change: accept them all for your text, reject them all for the national text." }));
      var downloads = el("div", { class: "gpia-draft-actions" });
      downloads.appendChild(button("Download the drafting pack (Word)", function () { downloadPack(data); }));
      downloads.appendChild(button("Download decisions and requirements (CSV)", function () { downloadCsv(data); }));
      downloads.appendChild(button("Download the draft as a file (JSON)", downloadDraft));
      body.appendChild(downloads);
      body.appendChild(el("h3", { text: "Open a draft file" }));
      var input = el("input", { type: "file", id: "gpia-draft-import", accept: ".json,application/json" });
      body.appendChild(field("A draft file saved from this page (JSON, up to 2 MB)", input,
        "It replaces what is entered here only if it can be read; anything wrong with it is listed and nothing is changed."));
      var report = el("div", { id: "gpia-draft-import-report", class: "gpia-draft-report", role: "alert" });
      input.addEventListener("change", function () { if (input.files[0]) { importFile(input.files[0], report, data); } });
      body.appendChild(report);
      body.appendChild(el("h3", { text: "Start again" }));
      var confirmBox = el("div", { class: "gpia-draft-confirm", hidden: "" });
      var start = button("Start again", function () { confirmBox.hidden = false; confirmBox.querySelector("button").focus(); });
      confirmBox.appendChild(el("p", { text: "This clears everything entered on this page in this browser. Download the draft first to keep a copy." }));
      confirmBox.appendChild(button("Yes, clear all my answers", function () {
        state = empty(); save(); history.pushState(null, "", location.pathname); build(); say("All answers cleared.");
        var first = document.getElementById("link-" + index.tasks[0].id);
        if (first) { first.focus(); }
      }, "gpia-draft-warning"));
      confirmBox.appendChild(button("No, keep my answers", function () { confirmBox.hidden = true; start.focus(); }, "gpia-draft-secondary"));
      body.appendChild(start);
      body.appendChild(confirmBox);
    }).catch(function (e) { body.textContent = "The data could not be read: " + e.message; say(body.textContent); });
  }

  function describe(t, d) {
    if (t.kind === "parties") { return state.parties.site ? "Site: " + state.parties.site + "." : "No site name yet."; }
    if (t.kind === "decisions") { return Object.keys(state.decisions).filter(function (k) { var a = state.decisions[k]; return a.choice !== undefined && a.choice !== null; }).length + " of " + d.length + " decided."; }
    if (t.kind === "requirements") {
      var counts = { keep: 0, reword: 0, "leave-out": 0 }, total = 0, own = 0;
      d.rows.forEach(function (row) { own += (state.own[row.id] || []).length; row.requirements.forEach(function (r) { total += 1; var a = state.requirements[r.id]; if (a) { counts[a.action] += 1; } }); });
      return counts.keep + " kept, " + counts.reword + " reworded, " + counts["leave-out"] + " left out of " + total + "; " + own + " of your own.";
    }
    if (t.kind === "schedule") {
      var v = state.schedules[d.id] || {};
      return Object.keys(v).length + " of " + d.fields.length + " fields filled.";
    }
    return "";
  }

  // ---- downloads -----------------------------------------------------------------------------
  function today() { return new Date().toISOString().slice(0, 10); }
  function fileName(ext) {
    var site = (state.parties.site || "local").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "local";
    return "drafting-pack-" + site + "-" + today() + "." + ext;
  }
  function offer(blob, name) {
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    say("Downloaded " + name + ".");
  }
  function snapshot() {
    var copy = JSON.parse(JSON.stringify(state));
    copy.saved = new Date().toISOString();
    return copy;
  }
  function downloadDraft() {
    offer(new Blob([JSON.stringify(snapshot(), null, 2)], { type: "application/json" }), fileName("json"));
  }

  function csvCell(v) {
    var text = String(v === undefined || v === null ? "" : v);
    if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; } // never a formula in a spreadsheet
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function downloadCsv(data) {
    var lines = [["part", "id", "item", "national text", "answer", "site's text", "reason or note"]];
    (data.decisions || []).forEach(function (d) {
      var a = state.decisions[d.id] || {};
      lines.push(["decision", d.id, d.title, "", choiceText(d, a), a.choice === "other" ? a.other || "" : "", a.note || ""]);
    });
    index.tasks.filter(function (t) { return t.kind === "requirements"; }).forEach(function (t) {
      data[t.id].rows.forEach(function (row) {
        row.requirements.forEach(function (r) {
          var a = state.requirements[r.id];
          lines.push([t.title, r.id, row.row + " " + row.title + ", requirement " + r.bullet, r.text, a ? a.action : "not yet decided",
            a && a.action === "reword" ? a.text : a && a.action === "keep" ? r.text : "", a && a.reason || ""]);
        });
        (state.own[row.id] || []).forEach(function (text, i) {
          lines.push([t.title, row.id, row.row + " " + row.title + ", own requirement " + (i + 1), "", "own", text, ""]);
        });
      });
    });
    var csv = "\ufeff" + lines.map(function (l) { return l.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    offer(new Blob([csv], { type: "text/csv;charset=utf-8" }), fileName("csv"));
  }
  function choiceText(d, a) {
    if (a.choice === "other") { return "Other"; }
    if (Number.isInteger(a.choice) && d.options[a.choice] !== undefined) { return d.options[a.choice]; }
    return "not yet decided";
  }

  function downloadPack(data) {
    var started = performance.now();
    loadWriter().then(function (writer) {
      return fetch(new URL(index.template, indexUrl)).then(function (r) { return r.arrayBuffer(); }).then(function (template) {
        return writer.pack({ state: state, data: data, index: index, open: stillOpen(data), redline: redline, choiceText: choiceText,
          date: new Date().toISOString().replace(/\.\d+Z$/, "Z") }, new Uint8Array(template));
      }).then(function (bytes) {
        window.gpiaLastPackMs = performance.now() - started;
        offer(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), fileName("docx"));
      });
    }).catch(function (e) { say("The pack could not be made: " + e.message); });
  }
  var writerPromise = null;
  function loadWriter() {
    if (!writerPromise) {
      writerPromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("../assets/draft-docx.js", location.href).href;
        script.onload = function () { resolve(window.gpiaPackWriter); };
        script.onerror = function () { reject(new Error("the Word writer could not be loaded")); };
        document.head.appendChild(script);
      });
    }
    return writerPromise;
  }

  // ---- import --------------------------------------------------------------------------------
  function importFile(file, report, data) {
    report.textContent = "";
    function refuse(lines) {
      report.textContent = "";
      report.appendChild(el("p", { text: "The file was not opened; nothing you entered has changed." }));
      report.appendChild(el("ul", {}, lines.slice(0, 20).map(function (l) { return el("li", { text: l }); })));
      if (lines.length > 20) { report.appendChild(el("p", { text: "and " + (lines.length - 20) + " more problems." })); }
    }
    if (file.size > MAX_IMPORT) { refuse(["It is " + (file.size / 1048576).toFixed(1) + " MB; a draft file is at most 2 MB."]); return; }
    file.text().then(function (text) {
      var draft;
      try { draft = JSON.parse(text); } catch (e) { refuse(["It is not a JSON file: " + e.message]); return; }
      var problems = validate(draft);
      if (problems.length) { refuse(problems); return; }
      var notes = [], unknown = [];
      if (draft.version !== index.version.id) { notes.push("It was made against another national version (" + draft.version + "); the answers are matched by id to " + index.version.label + "."); }
      var decisions = {}, requirements = {}, rows = {}, schedules = {};
      (data.decisions || []).forEach(function (d) { decisions[d.id] = d; });
      index.tasks.forEach(function (t) {
        var d = data[t.id];
        if (t.kind === "requirements") { d.rows.forEach(function (row) { rows[row.id] = row; row.requirements.forEach(function (r) { requirements[r.id] = r; }); }); }
        if (t.kind === "schedule") { schedules[d.id] = d; }
      });
      function keep(obj, known, label) {
        Object.keys(obj || {}).forEach(function (k) { if (!known[k]) { unknown.push(label + " " + k); delete obj[k]; } });
      }
      keep(draft.decisions, decisions, "decision");
      Object.keys(draft.decisions || {}).forEach(function (k) {
        var c = draft.decisions[k].choice;
        if (Number.isInteger(c) && c >= decisions[k].options.length) { unknown.push("option " + (c + 1) + " of decision " + k); delete draft.decisions[k].choice; }
      });
      var dropped = Object.keys(draft.requirements || {}).filter(function (k) { return !requirements[k]; });
      dropped.forEach(function (k) { notes.push("The requirement " + k + " is no longer in the national text; your answer to it is left out."); delete draft.requirements[k]; });
      Object.keys(draft.requirements || {}).forEach(function (k) {
        var a = draft.requirements[k];
        if (a.hash && a.hash !== requirements[k].hash) { notes.push("The national text of " + k + " has changed since the draft was made: check your answer to it."); }
        a.hash = requirements[k].hash;
      });
      keep(draft.own, rows, "row");
      keep(draft.schedules, schedules, "schedule");
      Object.keys(draft.schedules || {}).forEach(function (sid) {
        var known = {};
        schedules[sid].fields.forEach(function (f) { known[f.id] = f; });
        keep(draft.schedules[sid], known, "field of " + sid + ":");
      });
      var tasks = {};
      index.tasks.forEach(function (t) { tasks[t.id] = t; });
      keep(draft.done, tasks, "task");
      ["parties", "decisions", "requirements", "own", "schedules", "done"].forEach(function (k) { if (!draft[k]) { draft[k] = {}; } });
      draft.version = index.version.id;
      delete draft.saved;
      state = draft;
      save();
      report.textContent = "";
      report.appendChild(el("p", { text: "The draft was opened." }));
      var lines = notes.concat(unknown.length ? ["Ids this site does not have were ignored: " + unknown.join(", ") + "."] : []);
      if (lines.length) { report.appendChild(el("ul", {}, lines.map(function (l) { return el("li", { text: l }); }))); }
      updateStatus();
    }).catch(function (e) { refuse(["It could not be read: " + e.message]); });
  }

  // ---- start ---------------------------------------------------------------------------------
  // A link from elsewhere in the guide names a task as ?task=<id> (the page has no anchor for it).
  var asked = new URLSearchParams(location.search).get("task");
  if (asked && /^[a-z0-9-]+$/.test(asked)) { history.replaceState(null, "", location.pathname + "#task-" + asked); }
  fetchJson(indexUrl).then(function (data) {
    index = data;
    state = load();
    build();
    window.addEventListener("hashchange", route);
    window.addEventListener("popstate", route);
    root.setAttribute("data-ready", "");
  }).catch(function (e) {
    root.hidden = false;
    root.textContent = "The drafting tool could not start (" + e.message + "); the blank pack above still works.";
  });
})();
