// Run axe-core on each URL in headless Chromium; print one JSON object: {url: [violations]}.
// Usage: node axe.mjs URL... (CHROMIUM names the browser; /usr/bin/chromium by default)
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
const results = {};
try {
  const page = await browser.newPage();
  for (const url of process.argv.slice(2)) {
    await page.goto(url, { waitUntil: "load" });
    await page.addScriptTag({ path: axePath });
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")),
      }));
    });
    results[url] = found;
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
