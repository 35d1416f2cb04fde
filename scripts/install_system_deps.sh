#!/usr/bin/env bash
# Install the Debian packages mosaic needs when they are missing: tesseract and its six language
# packs (OCR), fonts (the tests typeset documents), chromium (the report test), poppler-utils,
# a C compiler and Python's headers (mypyc compiles the repair passes; without them the build
# falls back to pure Python), tesseract's headers (tesserocr; without them OCR runs the command).
# Safe to run again: it installs only what is missing, and only where apt-get and root are there.
set -u
LANGS="ita eng fra deu spa por"
PKGS=""
if ! command -v tesseract >/dev/null 2>&1; then
  PKGS="tesseract-ocr"
fi
have_langs=$(tesseract --list-langs 2>/dev/null || true)
for l in $LANGS; do
  echo "$have_langs" | grep -qx "$l" || PKGS="$PKGS tesseract-ocr-$l"
done
[ -f /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf ] || PKGS="$PKGS fonts-liberation"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || PKGS="$PKGS fonts-dejavu-core"
if [ "${MOSAIC_BROWSER:-1}" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || PKGS="$PKGS chromium"
fi
command -v gcc >/dev/null 2>&1 || PKGS="$PKGS gcc"
# tesserocr (tesseract in-process) is built against the system's libtesseract
command -v g++ >/dev/null 2>&1 || PKGS="$PKGS g++"
command -v pkg-config >/dev/null 2>&1 || PKGS="$PKGS pkg-config"
pkg-config --exists tesseract 2>/dev/null || PKGS="$PKGS libtesseract-dev"
pkg-config --exists lept 2>/dev/null || PKGS="$PKGS libleptonica-dev"
"${PYTHON:-python3}" -c 'import os, sysconfig, sys
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
  2>/dev/null || PKGS="$PKGS python3-dev"
PKGS=$(echo $PKGS)
if [ -z "$PKGS" ]; then
  echo "system packages: all present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
  echo "mosaic: missing system packages: $PKGS" >&2
  echo "  install them with your package manager (Debian: sudo apt-get install $PKGS);" >&2
  echo "  without tesseract, scans and images are reported with exit code 3." >&2
  exit 0
fi
echo "installing system packages: $PKGS"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
