// Drive the review app in headless Chromium with the keyboard only, and run axe-core on it.
// Usage: node app.mjs URL SCREENSHOT.png  -> prints JSON {violations, steps, approved}
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
const out = { steps: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("text=Summarise this release");

  // The accessible name of the focused element: its label, aria-label or text.
  const focusedName = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return "";
      const byId = el.id && document.querySelector(`label[for="${el.id}"]`);
      const wrapping = el.closest("label");
      const labelled = el.getAttribute("aria-labelledby");
      const text = (byId && byId.textContent) || (wrapping && wrapping.textContent) ||
        (labelled && document.getElementById(labelled)?.textContent) ||
        el.getAttribute("aria-label") || el.textContent || el.value || "";
      return `${el.tagName.toLowerCase()}:${text.trim().replace(/\s+/g, " ")}`;
    });
  // Press Tab until the focused element's name matches; fail after a full lap.
  async function tabTo(pattern) {
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press("Tab");
      const name = await focusedName();
      if (pattern.test(name)) { out.steps.push(name); return name; }
    }
    throw new Error(`keyboard could not reach ${pattern}`);
  }

  await tabTo(/^input:.*01_northvale/);
  await page.keyboard.press("Space");
  await tabTo(/^button:Summarise this release/);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => {
    const box = [...document.querySelectorAll("textarea")].find((t) => t.value.includes("How to get help"));
    return Boolean(box);
  }, null, { timeout: 180000 });
  out.steps.push("summary shown");
  if (screenshot) {
    await page.locator("text=2. Original release").first().scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -80));
    await page.screenshot({ path: screenshot });
  }
  await tabTo(/^textarea:.*Public text/);
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n");
  await tabTo(/^button:Check my edits/);
  await page.keyboard.press("Enter");
  await page.waitForSelector("text=/The text keeps every help contact|This text breaks/", { timeout: 60000 });
  out.checked = await page.locator("text=/The text keeps every help contact|This text breaks/").first().textContent();
  await tabTo(/^(input|textarea):.*Your name/);
  await page.keyboard.type("Keyboard Reviewer");
  await tabTo(/^button:Approve and publish/);
  await page.keyboard.press("Enter");
  await page.waitForSelector("text=Approved", { timeout: 180000 });
  out.approved = await page.locator("text=Approved").first().textContent();

  // Gradio fades outputs still being computed (opacity .2, class "pending"); check the settled page.
  // An approval opens the next item, so wait until nothing has been pending for a whole second.
  const idle = () => page.waitForFunction(() => !document.querySelector(".pending, .generating, .eta-bar"), null, { timeout: 180000 });
  for (let settled = false; !settled; ) {
    await idle();
    await page.waitForTimeout(1000);
    settled = await page.evaluate(() => !document.querySelector(".pending, .generating, .eta-bar"));
  }
  await page.addScriptTag({ path: axePath });
  out.violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  });
} catch (err) {
  out.error = String(err);
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
