#!/usr/bin/env bash
# Installs, from Debian's packages, what briefpress needs and the machine lacks. Idempotent: a tool already
# present is left alone, and apt runs only when something is missing.
#   ensure-tools.sh browser   Chromium, to print PDFs (npm run briefing)
#   ensure-tools.sh all       Chromium plus the independent readers the tests check outputs with:
#                             poppler-utils (pdftotext, pdfinfo, pdffonts), qpdf, LibreOffice Calc, and
#                             pikepdf (the PDF/UA audit, tests/support/pdf_audit.py) and openpyxl (the workbook
#                             tests) for Debian's own python3 (/usr/bin/python3, whatever python3 PATH finds)
# The browser counts as present when PUPPETEER_EXECUTABLE_PATH, Puppeteer's cache or PATH provides one,
# the same order pipeline/driver/browser.ts looks in.
set -euo pipefail
mode="${1:-all}"

have_browser() {
  if [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ]; then [ -x "$PUPPETEER_EXECUTABLE_PATH" ]; return; fi
  local cache="${PUPPETEER_CACHE_DIR:-$HOME/.cache/puppeteer}"
  if compgen -G "$cache/chrome/*/chrome-linux64/chrome" >/dev/null; then return 0; fi
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null ||
    command -v google-chrome >/dev/null || command -v google-chrome-stable >/dev/null
}

missing=()
have_browser || missing+=(chromium fonts-dejavu-core)
if [ "$mode" = all ]; then
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v qpdf >/dev/null || missing+=(qpdf)
  command -v soffice >/dev/null || command -v libreoffice >/dev/null || missing+=(libreoffice-calc)
  /usr/bin/python3 -c 'import pikepdf' 2>/dev/null || missing+=(python3-pikepdf)
  /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || missing+=(python3-openpyxl)
elif [ "$mode" != browser ]; then
  echo "usage: $0 [browser|all]" >&2
  exit 2
fi

[ ${#missing[@]} -eq 0 ] && exit 0

echo "briefpress: installing missing tools from Debian: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  cat >&2 <<MSG
briefpress: cannot install ${missing[*]} here (needs root and apt-get).
  On Debian or Ubuntu:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}
  Or point PUPPETEER_EXECUTABLE_PATH at an installed Chrome or Chromium binary.
MSG
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "briefpress: installed ${missing[*]}" >&2
