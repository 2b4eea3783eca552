#!/usr/bin/env bash
# Everything the test suite needs on a fresh Debian/Ubuntu machine: the real clients the
# tests open our outputs with, the fonts a Linux render needs, pandoc for the benchmark,
# and nox. Safe to run again: installed packages are skipped.
set -euo pipefail

packages=(libreoffice-impress poppler-utils qpdf chromium fonts-noto-cjk fonts-liberation2 fontconfig pandoc)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# axe-core, the accessibility engine the browser tests inject into the notes and the web
# deck (tests/clients/test_accessibility.py), from the npm registry into a cache folder.
axe_folder="${XDG_CACHE_HOME:-$HOME/.cache}/course-test-tools"
if [ ! -f "$axe_folder/node_modules/axe-core/axe.min.js" ]; then
  if ! command -v npm >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm
  fi
  mkdir -p "$axe_folder"
  npm install --silent --no-save --no-audit --no-fund --prefix "$axe_folder" axe-core@4.14.1
fi
python3 -m pip install --quiet --upgrade nox
