/* The guide's search: the header's search button opens a dialog that asks Pagefind's index
   (pagefind/, written after the build and served with the site; nothing comes from another host).

   Results are built with DOM calls only: titles and sub-result headings as text, and excerpts
   (Pagefind's HTML, with <mark> around the words found) reduced to text and <mark> elements, so
   nothing from the data can add markup or run script. */
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
  // The site root: "." or "../.." on a page, "/" on the page-not-found page (served from any path).
  const raw = root.dataset.base || ".";
  const base = new URL(raw.endsWith("/") ? raw : `${raw}/`, location.href);
  const PAGE = 10;      // pages of results drawn at once
  const SUBS = 3;       // sections shown under each page
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

  // A page's sections that match, best first: the most words found, then printed order.
  function sections(data) {
    return data.sub_results
      .filter((sub) => sub.url !== data.url && sub.anchor && sub.anchor.id && sub.anchor.element !== "h1")
      .map((sub, order) => ({ sub, order, weight: sub.weighted_locations.reduce((t, l) => t + l.weight, 0) }))
      .sort((a, b) => b.weight - a.weight || a.order - b.order)
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

  async function drawMore(mine) {
    const next = shown.slice(drawn, drawn + PAGE);
    const datas = await Promise.all(next.map((r) => r.data()));
    if (mine !== sequence) return;
    for (const data of datas) list.append(item(data));
    drawn += next.length;
    more.hidden = drawn >= shown.length;
  }

  async function run() {
    const mine = ++sequence;
    const query = input.value.trim();
    list.setAttribute("aria-busy", "true");
    if (!query) {
      list.replaceChildren();
      more.hidden = true;
      say("");
      finish(mine, query);
      return;
    }
    let found;
    try {
      await load();
      found = await pagefind.search(query, { filters: chosenFilters() });
    } catch (error) {
      if (mine !== sequence) return;
      list.replaceChildren();
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
    say(n === 0 ? `No pages found for “${query}”.` : `${n} ${n === 1 ? "page" : "pages"} found for “${query}”.`);
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
  for (const control of filters) control.addEventListener("change", () => { if (input.value.trim()) run(); });
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
