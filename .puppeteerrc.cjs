// Puppeteer must never download a browser: this machine and CI reach only the npm and Debian registries.
// scripts/ensure-tools.sh installs Debian's chromium instead; pipeline/driver/browser.ts finds it.
module.exports = { skipDownload: true };
