/**
 * The timeline in a real headless browser: rows, bars and invocation bands are drawn with
 * real sizes, hovering shows the tooltip, and the page loads nothing from the network.
 * Leaves the page and a screenshot in .tmp/timeline/ for a look by eye.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer-core";
import { launchChromium, type HeadlessBrowser } from "./chromium";
import { runTour } from "./tour-workflow";

/**
 * The few DOM members the page functions use (this project's TypeScript setup has no DOM
 * library; these functions run in the browser).
 */
interface Shown {
  hidden: boolean;
  innerText: string;
}
interface Drawn {
  getBBox(): { width: number };
}
type WithStyle = typeof globalThis & { getComputedStyle(e: unknown): { fill: string } };

const OUT = path.resolve(__dirname, "..", "..", ".tmp", "timeline");
const PAGE = path.join(OUT, "tour.html");

let chromium: HeadlessBrowser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  const result = await runTour();
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    PAGE,
    result.toTimelineHtml({ title: "tour: retries, wait, callback, map, invoke" }),
  );
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(PAGE).href, { waitUntil: "load" });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
});

/** Moves the mouse over the element and returns the tooltip's text (or null when hidden). */
async function hover(selector: string): Promise<string | null> {
  const handle = await page.$(selector);
  if (!handle) throw new Error(`nothing matches ${selector}`);
  const box = await handle.boundingBox();
  if (!box) throw new Error(`${selector} is not drawn`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  return page.$eval("#tip", (tip) =>
    (tip as unknown as Shown).hidden ? null : (tip as unknown as Shown).innerText,
  );
}

test("the page loads nothing but itself", () => {
  expect(requests).toEqual([pathToFileURL(PAGE).href]);
});

test("one row per operation, labelled and nested", async () => {
  const rows = await page.$$eval("[data-row]", (els) => els.length);
  expect(rows).toBe(18);
  const labels = await page.$$eval("text.label", (els) => els.map((e) => e.textContent ?? ""));
  expect(labels[0]).toMatch(/^tour.* EXECUTION$|^execution EXECUTION$/);
  expect(labels).toEqual(
    expect.arrayContaining(
      [
        "fetch Step",
        "cool-down Wait",
        "└ review Parallel",
        "└ approval-branch ParallelBranch",
        "└ approval WaitForCallback",
        "└ charge Map",
        "└ map-item-0 MapIteration",
        "└ charge-1 Step",
        "price ChainedInvoke",
      ].map((l) => (l.startsWith("└") ? l : expect.stringContaining(l))),
    ),
  );
});

test("every bar is drawn with a real size, in its outcome's colour", async () => {
  const bars = await page.$$eval("svg.timeline .seg", (els) =>
    els.map((e) => {
      const box = (e as unknown as Drawn).getBBox();
      return {
        cls: e.getAttribute("class") ?? "",
        w: box.width,
        fill: (globalThis as WithStyle).getComputedStyle(e).fill,
      };
    }),
  );
  expect(bars.length).toBeGreaterThanOrEqual(20);
  for (const bar of bars) expect(bar.w).toBeGreaterThanOrEqual(3);
  const fills = (cls: string) => bars.filter((b) => b.cls.startsWith(cls)).map((b) => b.fill);
  expect(fills("seg attempt o-failed")).toEqual(["rgb(224, 49, 49)", "rgb(224, 49, 49)"]);
  expect(new Set(fills("seg attempt o-succeeded"))).toEqual(new Set(["rgb(47, 158, 68)"]));
  expect(fills("seg wait")[0]).toMatch(/url\(.*#hatch-wait"?\)/);
  expect(fills("seg callback")[0]).toMatch(/url\(.*#hatch-callback"?\)/);
  expect(fills("seg retry-delay")).toHaveLength(2);
});

test("the 24-hour wait is a compressed break labelled with its length", async () => {
  const breaks = await page.$$eval("text.break-label", (els) => els.map((e) => e.textContent));
  expect(breaks).toContain("⋯ 1 d ⋯");
  const widest = await page.$$eval("rect.break", (els) =>
    Math.max(...els.map((e) => (e as unknown as Drawn).getBBox().width)),
  );
  expect(widest).toBeLessThan(200);
});

test("hovering a failed attempt shows its tooltip", async () => {
  const tip = await hover("[data-op] .seg.attempt.o-failed");
  expect(tip).toContain("fetch");
  expect(tip).toContain("Step");
  expect(tip).toContain("attempt 1 · failed");
  expect(tip).toContain("error: Error: upstream busy (attempt 1)");
  expect(tip).toMatch(/id [0-9a-f]{16,}/);
  expect(tip).toContain("operation: succeeded after 1 m");
});

test("hovering the wait, the callback and the invoke shows what they waited for", async () => {
  expect(await hover("svg.timeline .seg.wait")).toMatch(
    /cool-down[\s\S]*waited 1 d, from \+0:01:00/,
  );
  expect(await hover("svg.timeline .seg.callback")).toMatch(
    /waiting for the callback · succeeded[\s\S]*waited 1 h/,
  );
  expect(await hover("svg.timeline .seg.invoke")).toMatch(
    /price[\s\S]*invoked function · succeeded[\s\S]*function: pricer/,
  );
});

test("invocations are bands behind the rows; their chips explain each re-invocation", async () => {
  const count = await page.$$eval("[data-invocation]", (els) => els.length);
  expect(count).toBe(6);
  const second = await hover('[data-invocation="2"] .chip');
  expect(second).toMatch(/^Invocation #2\nre-invoked: retry of step "fetch"\nwall time \d+ ms/);
  const fourth = await hover('[data-invocation="4"] .chip');
  expect(fourth).toContain('re-invoked: wait "cool-down" ended');
  await page.mouse.move(2, 2);
  expect(await page.$eval("#tip", (tip) => (tip as unknown as Shown).hidden)).toBe(true);
});

test("a screenshot is taken for a look by eye", async () => {
  await hover("[data-op] .seg.attempt.o-failed");
  const file = path.join(OUT, "tour.png");
  await page.screenshot({ path: file, fullPage: true });
  expect(file).toMatch(/tour\.png$/);
});
