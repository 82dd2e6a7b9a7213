// Drive the review app in headless Chromium with the keyboard only, and run axe-core on it.
// Usage: node app.mjs URL SCREENSHOT.png  -> prints JSON {violations, steps, approved}
import { chromium } from "playwright-core";
import { axeViolations, keyboard, settled } from "./gradio.mjs";

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
const out = { steps: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("text=Summarise this release");

  const { tabTo } = keyboard(page, out.steps);

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

  await settled(page);
  out.violations = await axeViolations(page);
} catch (err) {
  out.error = String(err);
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
