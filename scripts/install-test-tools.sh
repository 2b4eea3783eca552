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
python3 -m pip install --quiet --upgrade nox
