// Progressive enhancement only: every page works without this file (CSP: no inline script).
"use strict";

// Hovering or focusing a quote lights up the same quotation in the other outlets' columns and shows every
// outlet's version with its word differences (the group's entry, cloned); Escape hides it.
function quoteGroups() {
  const marks = document.querySelectorAll("mark[data-group]");
  if (!marks.length) return;
  const pop = document.createElement("div");
  pop.id = "versions-popover";
  pop.setAttribute("role", "tooltip");
  pop.hidden = true;
  document.body.appendChild(pop);
  const light = (group, on) => {
    document.querySelectorAll(`[data-group="${group}"]`).forEach((el) => el.classList.toggle("active", on));
  };
  const show = (mark) => {
    const entry = document.getElementById(`group-${mark.dataset.group}`);
    light(mark.dataset.group, true);
    if (!entry) return;
    pop.replaceChildren(...Array.from(entry.children).map((child) => child.cloneNode(true)));
    pop.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    const box = mark.getBoundingClientRect();
    pop.hidden = false;
    const left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8));
    pop.style.left = `${left}px`;
    pop.style.top = `${window.scrollY + box.bottom + 6}px`;
    mark.setAttribute("aria-describedby", pop.id);
  };
  const hide = (mark) => {
    light(mark.dataset.group, false);
    pop.hidden = true;
    mark.removeAttribute("aria-describedby");
  };
  marks.forEach((mark) => {
    mark.addEventListener("mouseenter", () => show(mark));
    mark.addEventListener("mouseleave", () => hide(mark));
    mark.addEventListener("focus", () => show(mark));
    mark.addEventListener("blur", () => hide(mark));
    mark.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(mark); });
  });
}

// The outlet chooser: at most data-limit boxes ticked; the others wait, disabled, until one is unticked.
function outletChooser() {
  document.querySelectorAll("form.outlet-chooser").forEach((form) => {
    const limit = Number(form.dataset.limit || 4);
    const boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
    const status = document.createElement("p");
    status.className = "chooser-status meta";
    status.setAttribute("aria-live", "polite");
    form.appendChild(status);
    const update = () => {
      const ticked = boxes.filter((box) => box.checked).length;
      boxes.forEach((box) => { box.disabled = !box.checked && ticked >= limit; });
      status.textContent = `${ticked} of at most ${limit} chosen`;
    };
    boxes.forEach((box) => box.addEventListener("change", update));
    update();
  });
}

// A person's quote: opening "versions across outlets" fetches every version (JSON) and lists it with its diff.
function words(ops) {
  const out = document.createElement("span");
  out.className = "diff";
  ops.forEach((op) => {
    if (op.op === "equal") out.append(`${op.a} `);
    if (op.a && op.op !== "equal" && op.op !== "insert") { const d = document.createElement("del"); d.textContent = op.a; out.append(d, " "); }
    if (op.b && op.op !== "equal" && op.op !== "delete") { const i = document.createElement("ins"); i.textContent = op.b; out.append(i, " "); }
  });
  return out;
}

function versionItem(version) {
  const item = document.createElement("li");
  const outlet = document.createElement("strong");
  outlet.textContent = version.outlet || "(unknown)";
  const badge = document.createElement("span");
  badge.className = `badge ${version.class || ""}`;
  badge.textContent = version.class || "";
  const quote = document.createElement("q");
  quote.textContent = (version.text || "").replace(/^[\s"“”«»']+|[\s"“”«»',]+$/g, "");
  item.append(outlet, ` ${version.published || "undated"} `, badge, " ", quote);
  const changes = (version.diff || []).filter((op) => op.op !== "equal");
  if (changes.length) item.append(" · words changed: ", words(changes));
  return item;
}

function quoteVersions() {
  document.querySelectorAll("details.versions[data-src]").forEach((details) => {
    details.addEventListener("toggle", async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = "1";
      const body = details.querySelector(".versions-body");
      try {
        const response = await fetch(details.dataset.src, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const data = await response.json();
        const list = document.createElement("ul");
        list.className = "version-list";
        data.versions.forEach((version) => list.append(versionItem(version)));
        if (!data.versions.length) { const none = document.createElement("li"); none.textContent = "No other version in the store."; list.append(none); }
        body.prepend(list);
      } catch (error) {
        details.dataset.loaded = "";
      }
    });
  });
}

// A link to a sentence inside a collapsed near-copy opens it.
function openTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  for (let el = target.parentElement; el; el = el.parentElement) if (el.tagName === "DETAILS") el.open = true;
  target.scrollIntoView({ block: "center" });
}

document.addEventListener("DOMContentLoaded", () => {
  quoteGroups();
  outletChooser();
  quoteVersions();
  openTarget();
  window.addEventListener("hashchange", openTarget);
});
