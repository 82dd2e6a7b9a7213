// What the keyboard-only checks of the review app share: finding and reaching controls by their accessible
// name, waiting for Gradio to settle, and running axe-core on the page.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const PENDING = ".pending, .generating, .eta-bar";

// focusedName(): the accessible name of the focused element (its label, aria-label or text);
// tabTo(pattern): press Tab until the focused element's name matches, recording it in `steps`; fail after a lap.
export function keyboard(page, steps) {
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
  async function tabTo(pattern) {
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press("Tab");
      const name = await focusedName();
      if (pattern.test(name)) { steps.push(name); return name; }
    }
    throw new Error(`keyboard could not reach ${pattern}`);
  }
  return { focusedName, tabTo };
}

// Gradio fades outputs still being computed (opacity .2, class "pending"); one event may start another (an
// approval opens the next item), so the page has settled only when nothing has been pending for a whole second.
export async function settled(page) {
  for (let done = false; !done; ) {
    await page.waitForFunction((pending) => !document.querySelector(pending), PENDING, { timeout: 180000 });
    await page.waitForTimeout(1000);
    done = await page.evaluate((pending) => !document.querySelector(pending), PENDING);
  }
}

// axe-core's WCAG 2.2 AA violations on the page as it stands, each with the first few elements and why.
export async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} ${n.failureSummary}`),
    }));
  });
}
