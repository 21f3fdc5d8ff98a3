// Checks quotewire reports in headless Chromium (Debian's, through playwright-core): each page
// loads with no console error, no uncaught exception and no request off the file; every chart
// the data allows is in the DOM (its <svg id> with bars, cells or nodes, as many as the index
// says) and the others are absent with a note; the story view marks every quotation. Takes a
// screenshot of each page and prints its size and render time.
//
// Usage: NODE_PATH=$(bash crates/report/check/setup.sh) node crates/report/check/report.js \
//          --quotewire BIN [--data DIR] [--out DIR]
//        builds and checks the seed story's report (run from the repository root) and, with
//        --data, BBC News's and that of the first 1,000 Reuters-21578 stories (dated);
//        ... node crates/report/check/report.js --page NAME=report.html,index.json,records.jsonl
//        checks reports built already.
const { chromium } = require("playwright-core");
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}
function options(name) {
  return process.argv.flatMap((a, i) => (a === name ? [process.argv[i + 1]] : []));
}

const out = option("--out", fs.mkdtempSync(path.join(os.tmpdir(), "report-check-")));
fs.mkdirSync(out, { recursive: true });
const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
}

/// `quotewire run` then `quotewire report` on the inputs; gives the page to check.
function build(quotewire, name, inputs, target) {
  const [records, index, html] = ["records.jsonl", "index.json", "report.html"].map((f) =>
    path.join(out, `${name}-${f}`));
  const run = ["run", "-q", "--with-text", ...inputs, "--index", index, "-o", records];
  if (target) run.push("--target", target);
  try {
    execFileSync(quotewire, run, { stdio: "inherit" });
  } catch (e) {
    // Exit status 1: some documents failed, each with its error record (Reuters-21578 has
    // stories without a body); the report skips and counts them.
    if (e.status !== 1) throw e;
  }
  execFileSync(quotewire, ["report", index, "--records", records, "-o", html], { stdio: "inherit" });
  return { name, html, index, records };
}

/// What the index and records say the page must show.
function expected(page) {
  const index = JSON.parse(fs.readFileSync(page.index, "utf8"));
  const speakers = Object.values(index.speakers);
  const records = fs.readFileSync(page.records, "utf8").split("\n").filter((l) => l.trim())
    .map((l) => JSON.parse(l)).filter((r) => !r.error);
  const quoted = records.filter((r) => (r.quotes || []).length > 0);
  const most = quoted.reduce((a, r) => (!a || r.quotes.length > a.quotes.length ? r : a), null);
  return {
    bars: Math.min(25, speakers.length),
    stance: speakers.some((e) => Object.values(e.summary.stance || {}).some((s) => s.quotes > 0)),
    network: speakers.some((e) => Object.keys(e.summary.speaker_stance || {}).length > 0),
    time: records.some((r) => r.meta.date),
    story: most && { doc: most.doc, quotes: most.quotes.length },
  };
}

async function inspect(browser, page) {
  const want = expected(page);
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const offFile = [];
  tab.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  tab.on("pageerror", (e) => errors.push(String(e)));
  tab.on("request", (r) => {
    if (!/^(file|data|about):/.test(r.url())) offFile.push(r.url());
  });
  const started = Date.now();
  await tab.goto("file://" + path.resolve(page.html), { waitUntil: "load" });
  const wall = Date.now() - started;
  const timing = await tab.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return { load: nav.loadEventEnd, dom: nav.domContentLoadedEventEnd };
  });
  const dom = await tab.evaluate(() => {
    const count = (id, what) => {
      const svg = document.querySelector(`svg#${id}`);
      return svg ? svg.querySelectorAll(what).length : -1;
    };
    const story = document.querySelector("article.story:not([hidden])");
    return {
      bars: count("speakers", "rect"),
      kinds: document.querySelectorAll("svg[id^='speakers-']").length,
      cells: count("stance", "rect"),
      nodes: count("network", "circle"),
      arrows: count("network", "polygon"),
      periods: count("time", "rect"),
      notes: Array.from(document.querySelectorAll(".note.absent")).map((n) => n.id),
      story: story && story.getAttribute("data-doc"),
      marked: story ? new Set(Array.from(story.querySelectorAll(".q[data-q]"))
        .map((e) => e.getAttribute("data-q"))).size : 0,
      hover: story ? Array.from(story.querySelectorAll(".q[title]")).every((e) => e.title) : false,
      stories: document.querySelectorAll("article.story").length,
    };
  });
  // Choosing another story shows it alone.
  let switched = true;
  if (dom.stories > 1) {
    await tab.selectOption("#story-select", "story-1");
    switched = await tab.evaluate(() =>
      document.querySelectorAll("article.story:not([hidden])").length === 1
      && !document.getElementById("story-1").hidden);
    await tab.selectOption("#story-select", "story-0");
  }
  const shot = path.join(out, `${page.name}.png`);
  await tab.screenshot({ path: shot, fullPage: true });
  const size = fs.statSync(page.html).size;
  const name = page.name;
  console.log(`${name}: ${(size / 1e6).toFixed(2)} MB, load ${timing.load.toFixed(0)} ms ` +
    `(DOMContentLoaded ${timing.dom.toFixed(0)} ms, goto ${wall} ms); screenshot ${shot}`);
  console.log(`${name}: ${JSON.stringify(dom)}`);
  check(errors.length === 0, `${name}: no console errors ${JSON.stringify(errors)}`);
  check(offFile.length === 0, `${name}: nothing fetched ${JSON.stringify(offFile)}`);
  check(size < 10e6, `${name}: under 10 MB`);
  check(dom.bars === want.bars, `${name}: ${want.bars} bars in svg#speakers (${dom.bars})`);
  check(dom.kinds > 0, `${name}: a bar chart per speaker kind (${dom.kinds})`);
  check(want.stance ? dom.cells > 0 : dom.notes.includes("note-stance"),
    `${name}: heatmap ${want.stance ? "cells" : "absent with a note"} (${dom.cells})`);
  check(want.network ? dom.nodes > 1 && dom.arrows > 0 : dom.notes.includes("note-network"),
    `${name}: network ${want.network ? "nodes and arrows" : "absent with a note"} (${dom.nodes})`);
  check(want.time ? dom.periods > 0 : dom.notes.includes("note-time"),
    `${name}: time line ${want.time ? "bars" : "absent with a note"} (${dom.periods})`);
  check(want.story && dom.story === want.story.doc && dom.marked === want.story.quotes && dom.hover,
    `${name}: story ${want.story && want.story.doc} shown with its ${want.story && want.story.quotes} quotations marked (${dom.marked})`);
  check(switched, `${name}: the story list shows the story chosen`);
  await tab.close();
}

(async () => {
  const pages = options("--page").map((spec) => {
    const [name, files] = spec.split("=");
    const [html, index, records] = files.split(",");
    return { name, html, index, records };
  });
  const data = option("--data");
  const quotewire = option("--quotewire");
  if (quotewire) {
    pages.push(build(quotewire, "seed", ["corpus/stories"],
      "GSOMIA=General Security of Military Information Agreement|intel-sharing pact|pact"));
  }
  if (quotewire && data) {
    pages.push(build(quotewire, "bbc", [path.join(data, "bbc_news/bbc_news.jsonl")], "EU=European Union"));
    // Dated stories: the first 1,000 of Reuters-21578.
    const reuters = fs.readFileSync(path.join(data, "reuters21578/derived/reuters21578.jsonl"), "utf8")
      .split("\n").slice(0, 1000).join("\n") + "\n";
    const slice = path.join(out, "reuters-1000.jsonl");
    fs.writeFileSync(slice, reuters);
    pages.push(build(quotewire, "reuters", [slice]));
  }
  if (pages.length === 0) {
    console.error("nothing to check: give --quotewire BIN [--data DIR], or --page NAME=HTML,INDEX,RECORDS");
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    for (const page of pages) await inspect(browser, page);
  } finally {
    await browser.close();
  }
  console.log(`${failures.length === 0 ? "report check passed" : "report check FAILED"}: ` +
    `${pages.length} pages, ${failures.length} failures`);
  process.exit(failures.length === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(1); });
