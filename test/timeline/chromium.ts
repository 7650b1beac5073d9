/**
 * Headless Chromium for the timeline's browser test: Debian's `chromium` package driven by
 * puppeteer-core, offline (no first-run, sync, component updates or background networking)
 * with a fresh profile per launch. A missing browser is an error, never a skipped test.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";

/** Where .ci/run installs it (`apt-get install chromium`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A running browser and the function that closes it and removes its profile. */
export interface HeadlessBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Launches Chromium; throws a clear error when it is not installed. */
export async function launchChromium(): Promise<HeadlessBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the timeline's browser test needs it. ` +
        "Install it with `apt-get install -y --no-install-recommends chromium` (as .ci/run does), " +
        "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
    );
  }
  const profile = mkdtempSync(path.join(tmpdir(), "timeline-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
