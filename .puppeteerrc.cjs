// Puppeteer must never download a browser: this machine and CI reach only the npm and Debian registries.
// scripts/ensure-tools.sh installs Debian's chromium instead; pipeline/browser.ts finds it.
module.exports = { skipDownload: true };
