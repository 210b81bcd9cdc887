// Debian's Chromium, headless and quiet, for the tests and benches that read pages as a person
// would (the course site, the JupyterLite site): no sandbox (tests run as root), no GPU, and none of
// the browser's own network traffic (updates, sync, QUIC), so that every request a test sees is the page's.
import type { Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}
