// Work through the review app's queue in headless Chromium with the keyboard only, then run axe-core.
// Usage: node queue.mjs URL  -> prints JSON {steps, first, next, approved, violations}
import { chromium } from "playwright-core";
import { axeViolations, keyboard, settled } from "./gradio.mjs";

const [url] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
const out = { steps: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("text=Open the next item that needs review");
  await page.waitForSelector("text=/waiting for review/");

  const { focusedName, tabTo } = keyboard(page, out.steps);
  // The title the status line says is open ("Opened **title**").
  const opened = () =>
    page.evaluate(() => {
      const el = [...document.querySelectorAll("p, div")].reverse().find((e) => /^Opened /.test(e.textContent.trim()));
      return el ? el.textContent.trim().replace(/^Opened /, "").replace(/\. Check the text.*$/, "") : "";
    });
  const listed = () =>
    page.evaluate(() => [...document.querySelectorAll("label")].map((l) => l.textContent.trim())
      .filter((t) => /\(.*, .* old\)$/.test(t)));
  // Wait (up to a minute) until the list of items passes the test; then for the page to settle.
  async function waitForList(test) {
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      if (test(await listed())) return settled(page);
      await page.waitForTimeout(100);
    }
    throw new Error(`the list never changed: ${JSON.stringify(await listed())}`);
  }

  // Filter the list: failing items only, then back to every item that needs review.
  await tabTo(/^input:Failing a check/);
  await page.keyboard.press("Space");
  await waitForList((items) => items.length > 0 && items.every((t) => t.startsWith("Fails a check")));
  out.failing = await listed();
  await page.keyboard.press("Shift+Tab");
  out.steps.push(await focusedName());
  await page.keyboard.press("Space");
  await waitForList((items) => items.some((t) => t.startsWith("Needs review")));
  out.listed = await listed();

  await tabTo(/^button:Open the next item that needs review/);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => [...document.querySelectorAll("p, div")].some((e) => /^Opened /.test(e.textContent.trim())),
    null, { timeout: 180000 });
  await settled(page);
  out.first = await opened();

  await tabTo(/^(input|textarea):.*Your name/);
  await page.keyboard.type("Queue Reviewer");
  await tabTo(/^(input|textarea):.*Reason/);
  await page.keyboard.type("Checked against the original: its last sentence was cut off");
  await tabTo(/^button:Approve and publish/);
  await page.keyboard.press("Enter");
  await page.waitForSelector("text=/Approved as written by/", { timeout: 180000 });
  out.approved = await page.locator("text=/Approved as written by/").first().textContent();
  await page.waitForFunction((first) => {
    const el = [...document.querySelectorAll("p, div")].reverse().find((e) => /^Opened /.test(e.textContent.trim()));
    return el && !el.textContent.includes(first);
  }, out.first, { timeout: 180000 });
  await settled(page);
  out.next = await opened();

  out.violations = await axeViolations(page);
} catch (err) {
  out.error = String(err);
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
