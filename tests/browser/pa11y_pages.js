// pa11y (HTML_CodeSniffer, WCAG 2 AA) on pages of the built site, each in the colour schemes asked for,
// all in one Chromium. Run by tests/browser/test_markup_checkers.py; node_modules comes from `npm ci`
// (`make test` runs it).
//
// Reads JSON on stdin:  {"chromium": "/path/to/chromium", "args": ["--no-sandbox", ...],
//                        "standard": "WCAG2AA" (from macros/site/accessibility.py),
//                        "pages": [{"url": "http://127.0.0.1:8000/", "scheme": "light" or "dark"}, ...]}
// Writes JSON on stdout: [{"url", "scheme", "shown": the page's data-md-color-scheme,
//                          "issues": [{"type", "code", "message", "selector", "context"}, ...]}, ...]
"use strict";

const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const { chromium, args, standard, pages } = JSON.parse(input);
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args });
  const results = [];
  try {
    for (const { url, scheme } of pages) {
      // A fresh context for each page: Material keeps the reader's colour scheme in localStorage, and
      // picks it from prefers-color-scheme only on a first visit.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      const result = await pa11y(url, { browser, page, standard, runners: ["htmlcs"], timeout: 60000 });
      const shown = await page.evaluate(() => document.body.getAttribute("data-md-color-scheme"));
      results.push({
        url,
        scheme,
        shown,
        issues: result.issues.map(({ type, code, message, selector, context }) => ({ type, code, message, selector, context })),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
