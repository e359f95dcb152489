/* The guide's search: the header's search button opens a dialog that asks Pagefind's index
   (pagefind/, written after the build and served with the site; nothing comes from another host).

   Results are built with DOM calls only: titles and sub-result headings as text, and excerpts
   (Pagefind's HTML, with <mark> around the words found) reduced to text and <mark> elements, so
   nothing from the data can add markup or run script.

   Pagefind shows only pages that hold every word typed. When that gives fewer than a handful, the
   search is relaxed, and the status line says so: the words that carry no meaning in a question
   ("what does … stand for") are dropped, then pages with any of the remaining words are added, those
   with more of them first. A word on no page is matched to the closest word the site holds (the word
   list written by the build, search-words.json, fetched only then), offered as a new search.
   The first results are reordered: a page whose name is what was asked (a glossary term or its
   abbreviation, "Schedule 5") first, then pages holding a number as typed with its word ("schedule
   5", not every row numbered 5), then FAQ answers whose question (or its readers' words) matches. */
(() => {
  "use strict";
  const root = document.querySelector("[data-gpia-search]");
  if (!root) return;
  const button = root.querySelector(".gpia-search__open");
  const fallback = root.querySelector(".gpia-search__fallback");
  const dialog = root.querySelector("dialog");
  const input = dialog.querySelector(".gpia-search__input");
  const status = dialog.querySelector(".gpia-search__status");
  const list = dialog.querySelector(".gpia-search__results");
  const more = dialog.querySelector(".gpia-search__more");
  const filters = [...dialog.querySelectorAll(".gpia-search__filter")];
  const narrow = dialog.querySelector(".gpia-search__narrow");
  const narrowLabel = dialog.querySelector(".gpia-search__narrow-label");
  const suggest = dialog.querySelector(".gpia-search__suggest");
  const suggestion = dialog.querySelector(".gpia-search__suggestion");
  // The site root: "." or "../.." on a page, "/" on the page-not-found page (served from any path).
  const raw = root.dataset.base || ".";
  const base = new URL(raw.endsWith("/") ? raw : `${raw}/`, location.href);
  const PAGE = 10;      // pages of results drawn at once
  const SUBS = 3;       // sections shown under each page
  const HANDFUL = 5;    // fewer results than this and the search is relaxed
  const REORDER = 10;   // the first results reordered: the first page drawn, whose fragments are fetched anyway
  // Words that carry no meaning in a reader's question: dropped when the search is relaxed.
  const STOP = new Set(("a about after all also am an and any are as at be been before being between both " +
    "but by can could did do does doing each for from get got had has have having he her here how i if in " +
    "into is it its just may me mean meaning means more most much must my need needs no not of on or our " +
    "ours out over own shall she should so some stand stands such tell than that the their them then there " +
    "these they this those through to too under up us very was we were what when where which while who " +
    "whom whose why will with would you your").split(" "));
  let asked = [];       // the current search's words that carry meaning (for the sections shown)
  let words = null;     // the site's words, most widespread first (search-words.json), once fetched
  const wide = window.matchMedia("(min-width: 45em)");
  let pagefind = null;  // the module, once loaded
  let opener = null;
  let shown = [];       // the current search's results
  let drawn = 0;
  let sequence = 0;     // the latest search; older answers are dropped

  button.hidden = false;
  fallback.hidden = true;

  const say = (text) => { status.textContent = text; };

  async function load() {
    if (pagefind) return pagefind;
    if (location.protocol === "file:") {
      throw new Error("file");
    }
    pagefind = await import(new URL("pagefind/pagefind.js", base).href);
    await pagefind.options({ baseUrl: base.pathname, excerptLength: 24 });
    await pagefind.init();
    await fillFilters();
    return pagefind;
  }

  async function fillFilters() {
    const available = await pagefind.filters();
    for (const select of dialog.querySelectorAll("select.gpia-search__filter")) {
      const values = Object.keys(available[select.dataset.filter] || {}).sort();
      for (const value of values) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.append(option);
      }
    }
  }

  // On a narrow screen the filters are folded under their summary, which says how many are chosen.
  function foldFilters() {
    if (narrow) narrow.open = wide.matches;
  }

  function countFilters() {
    if (!narrowLabel) return;
    const n = filters.filter((c) => (c.type === "checkbox" ? c.checked : c.value)).length;
    narrowLabel.textContent = n ? `Narrow the results (${n} chosen)` : "Narrow the results";
  }

  function chosenFilters() {
    const chosen = {};
    let contributors = false;
    for (const control of filters) {
      const name = control.dataset.filter;
      if (control.type === "checkbox") {
        if (name === "audience") contributors = control.checked;
        else if (control.checked) chosen[name] = control.value;
      } else if (control.value) {
        chosen[name] = control.value;
      }
    }
    // Pages for contributors are left out unless asked for.
    if (!contributors) chosen.audience = "readers";
    return chosen;
  }

  // Pagefind's excerpt as text and <mark> elements only (parsed in an inert document).
  function excerpt(markup) {
    const p = document.createElement("p");
    p.className = "gpia-search__excerpt";
    const parsed = new DOMParser().parseFromString(`<body>${markup}</body>`, "text/html").body;
    for (const node of parsed.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(document.createTextNode(node.textContent));
      }
    }
    return p;
  }

  function link(url, text, className) {
    const a = document.createElement("a");
    a.href = url;
    a.className = className;
    a.textContent = text;
    return a;
  }

  // A page's sections that match, best first: the most words of the question in their heading, then
  // the most words found, then printed order.
  function sections(data) {
    return data.sub_results
      .filter((sub) => sub.url !== data.url && own(sub))
      .map((sub, order) => ({ sub, order, held: asks(sub, asked), weight: sub.weighted_locations.reduce((t, l) => t + l.weight, 0) }))
      .sort((a, b) => b.held - a.held || b.weight - a.weight || a.order - b.order)
      .slice(0, SUBS)
      .map(({ sub }) => sub);
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "gpia-search__result";
    const kind = document.createElement("span");
    kind.className = "gpia-search__kind";
    kind.textContent = (data.meta && data.meta.kind) || "";
    const head = link(data.url, (data.meta && data.meta.title) || data.url, "gpia-search__page");
    li.append(kind, head, excerpt(data.excerpt));
    const subs = sections(data);
    if (subs.length) {
      const ul = document.createElement("ul");
      ul.className = "gpia-search__sections";
      for (const sub of subs) {
        const entry = document.createElement("li");
        entry.append(link(sub.url, sub.title, "gpia-search__section"), excerpt(sub.excerpt));
        ul.append(entry);
      }
      li.append(ul);
    }
    return li;
  }

  // The words of a query as typed, without the punctuation around them ("for?" is "for"; "6.2(d)" stays).
  function tokens(query) {
    return query.split(/\s+/)
      .map((t) => t.replace(/^[("'“‘[]+(?=.)/u, "").replace(/[?!,;:"'”’.\]]+$/u, ""))
      .map((t) => (t.endsWith(")") && !t.includes("(") ? t.slice(0, -1) : t))
      .filter(Boolean);
  }

  const norm = (text) => text.toLowerCase().replace(/\s+/g, " ").trim();

  // Edit distance with one swap of neighbours counted as one edit, given up past `most`.
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let least = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        row.push(d);
        least = Math.min(least, d);
      }
      if (least > most) return most + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // The word the site holds closest to `word` (one edit, two for words of eight letters or more),
  // the most widespread first among equals; null when none is that close.
  async function closest(word) {
    const w = word.toLowerCase();
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return null;
    if (!words) {
      // Without the list (an older build, a network error) there is no suggestion, and search goes on.
      try {
        const response = await fetch(new URL("search-words.json", base));
        words = response.ok ? await response.json() : [];
      } catch {
        words = [];
      }
    }
    const most = w.length >= 8 ? 2 : 1;
    let best = null;
    let bestDistance = most + 1;
    for (const candidate of words) {
      if (candidate === w) return null;
      const d = distance(w, candidate, Math.min(most, bestDistance - 1));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  // Each result's data (its page's fragment with this search's matches), fetched once per search.
  const fetched = new WeakMap();
  function dataOf(result) {
    if (!fetched.has(result)) fetched.set(result, result.data());
    return fetched.get(result);
  }

  // Search as the module header says. Returns the results in order, how many hold every word, and
  // the query with each word on no page replaced by its closest word (null if none was replaced).
  async function find(query, filters) {
    const search = (q) => pagefind.search(q, { filters });
    const all = tokens(query);
    const meaningful = all.filter((t) => !STOP.has(t.toLowerCase()));
    asked = meaningful;
    const strict = await search(query);
    const entries = strict.results.map((r) => ({ r, tier: 0, hits: all.length }));
    const seen = new Set(entries.map((e) => e.r.id));
    const add = (results, tier, hits) => {
      for (const r of results) {
        if (!seen.has(r.id)) {
          seen.add(r.id);
          entries.push({ r, tier, hits });
        }
      }
    };
    let corrected = null;
    const quoted = /^".*"$/.test(query);
    const thin = strict.results.length < HANDFUL;
    // Without the stop words: after the pages that hold every word, or, when there are many of those,
    // the first few among them too (reordered below: "what is clause 6.2(d)" is the clause's page,
    // though it never says "what").
    if (!quoted && meaningful.length && meaningful.length < all.length) {
      const lean = (await search(meaningful.join(" "))).results;
      if (thin) add(lean, 1, meaningful.length);
      else {
        const rest = entries.splice(REORDER);
        add(lean.slice(0, HANDFUL), 1, meaningful.length);
        entries.push(...rest);
        add(lean, 1, meaningful.length);
      }
    }
    if (thin && !quoted && meaningful.length) {
      // Each remaining word alone: how many pages hold it, and the closest word for one on no page.
      const each = await Promise.all(meaningful.map((w) => search(w)));
      const replaced = await Promise.all(meaningful.map(async (w, i) => (each[i].results.length ? null : closest(w))));
      if (replaced.some(Boolean)) {
        const mended = (t) => {
          const i = meaningful.indexOf(t);
          return i >= 0 && replaced[i] ? replaced[i] : t;
        };
        corrected = all.map(mended).join(" ");
        add((await search(meaningful.map(mended).join(" "))).results, 1, meaningful.length);
        for (const [i, w] of replaced.entries()) if (w) each[i] = await search(w);
      }
      if (entries.length < HANDFUL || meaningful.length > 1) {
        const tally = new Map();
        for (const found of each) {
          for (const r of found.results) {
            const t = tally.get(r.id) || { r, hits: 0, score: 0 };
            t.hits += 1;
            t.score += r.score;
            tally.set(r.id, t);
          }
        }
        const ranked = [...tally.values()].sort((a, b) => b.hits - a.hits || b.score - a.score);
        // With several words, a page that holds only one of them comes only if nothing better does.
        const enough = meaningful.length > 2 && ranked.some((t) => t.hits > 1) ? 2 : 1;
        for (const t of ranked) if (t.hits >= enough || entries.length < HANDFUL) add([t.r], 2, t.hits);
      }
    }
    return { results: await reorder(entries, meaningful, filters), strict: strict.results.length, corrected };
  }

  // A section of a page (not the page's own heading).
  const own = (sub) => sub.anchor && sub.anchor.id && sub.anchor.element !== "h1";
  // How far a section answers the words: one for each word its heading holds (its first five
  // letters, so "monitored" finds "monitoring"), a half if its readers' words or heading matched.
  function asks(sub, meaningful) {
    const heading = norm(sub.title || "").split(/[^a-z0-9()."]+/);
    const held = meaningful.filter((t) => {
      const stem = t.toLowerCase().slice(0, 5);
      return heading.some((w) => w.startsWith(stem));
    }).length;
    return held + (sub.weighted_locations.some((l) => l.weight >= 5) ? 0.5 : 0);
  }

  // The first results reordered: the page named by the question, pages holding a number as typed
  // with its word, FAQ answers whose question matches; then as found.
  async function reorder(entries, meaningful, filters) {
    if (!entries.length) return [];
    const wanted = norm(meaningful.join(" "));
    // The first page of results, and the few found without the stop words put after it.
    let size = Math.min(REORDER, entries.length);
    while (size < entries.length && size < REORDER + HANDFUL && entries[size].tier === 1) size += 1;
    const head = entries.slice(0, size);
    let phrase = new Set();
    if (meaningful.length > 1 && meaningful.some((t) => /\d/.test(t)) && meaningful.some((t) => !/\d/.test(t))) {
      const found = await pagefind.search(`"${meaningful.join(" ")}"`, { filters });
      phrase = new Set(found.results.map((r) => r.id));
    }
    const datas = await Promise.all(head.map((e) => dataOf(e.r)));
    const key = (e, data) => {
      const names = ((data.meta && data.meta.names) || "").split(" | ").map(norm);
      const named = wanted && names.includes(wanted) ? 0 : 1;
      const quoted = phrase.has(e.r.id) ? 0 : 1;
      // An FAQ answer whose question holds the words (or whose readers' words do), the more the better.
      let question = 1;
      if (e.tier < 2 && data.meta && data.meta.kind === "FAQ answer") {
        const best = Math.max(0, ...data.sub_results.filter(own).map((sub) => asks(sub, meaningful)));
        if (best > 0) question = -best;
      }
      return [named, quoted, question, e.tier, -e.hits];
    };
    const keyed = head.map((e, i) => ({ e, k: [...key(e, datas[i]), i] }));
    keyed.sort((a, b) => {
      for (let n = 0; n < a.k.length; n++) if (a.k[n] !== b.k[n]) return a.k[n] - b.k[n];
      return 0;
    });
    return [...keyed.map(({ e }) => e.r), ...entries.slice(size).map((e) => e.r)];
  }

  async function drawMore(mine) {
    const next = shown.slice(drawn, drawn + PAGE);
    const datas = await Promise.all(next.map(dataOf));
    if (mine !== sequence) return;
    for (const data of datas) list.append(item(data));
    drawn += next.length;
    more.hidden = drawn >= shown.length;
  }

  function offer(corrected) {
    suggest.hidden = !corrected;
    suggestion.textContent = corrected || "";
  }

  async function run() {
    const mine = ++sequence;
    const query = input.value.trim();
    list.setAttribute("aria-busy", "true");
    if (!query) {
      list.replaceChildren();
      more.hidden = true;
      offer(null);
      say("");
      finish(mine, query);
      return;
    }
    let found;
    try {
      await load();
      found = await find(query, chosenFilters());
    } catch (error) {
      if (mine !== sequence) return;
      list.replaceChildren();
      offer(null);
      say(error.message === "file"
        ? "Search needs a web server: this copy of the guide was opened as a file. Open it from its web address, or browse the contents in the navigation."
        : "Search is not available just now; the navigation lists every page.");
      finish(mine, query);
      return;
    }
    if (mine !== sequence) return;
    shown = found.results;
    drawn = 0;
    list.replaceChildren();
    await drawMore(mine);
    if (mine !== sequence) return;
    const n = shown.length;
    const pages = (k) => `${k} ${k === 1 ? "page" : "pages"}`;
    const guess = found.corrected ? ` Did you mean “${found.corrected}”?` : "";
    if (n === 0) say(`No pages found for “${query}”.${guess}`);
    else if (found.strict === n || found.strict >= HANDFUL) say(`${pages(n)} found for “${query}”.`);
    else if (found.strict === 0) say(`No page has all of your words; showing pages with most of them.${guess}`);
    else say(`${pages(found.strict)} ${found.strict === 1 ? "has" : "have"} all of your words; after them, pages with most of them.${guess}`);
    offer(found.corrected);
    finish(mine, query);
  }

  // Tests and scripts can tell which query the results on screen answer.
  function finish(mine, query) {
    if (mine !== sequence) return;
    list.setAttribute("aria-busy", "false");
    list.dataset.query = query;
  }

  let timer = 0;
  const soon = () => { clearTimeout(timer); timer = setTimeout(run, 120); };

  function open() {
    opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load().catch((error) => {
      if (error.message === "file") run();
    });
  }

  button.addEventListener("click", open);
  dialog.querySelector(".gpia-search__close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    if (opener && opener.isConnected) opener.focus();
  });
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  input.addEventListener("input", soon);
  for (const control of filters) {
    control.addEventListener("change", () => {
      countFilters();
      if (input.value.trim()) run();
    });
  }
  // "Did you mean": the suggested words become the search.
  suggestion.addEventListener("click", () => {
    input.value = suggestion.textContent;
    input.focus();
    run();
  });
  wide.addEventListener("change", foldFilters);
  foldFilters();
  more.addEventListener("click", () => drawMore(sequence));
  // Enter goes to the first result; a result's link closes the dialog (it may point into this page).
  dialog.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) first.click();
  });
  list.addEventListener("click", (event) => { if (event.target.closest("a")) dialog.close(); });
  // "/" opens search from anywhere but a text field, as in Material.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    open();
  });
})();
