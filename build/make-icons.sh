#!/usr/bin/env bash
# Regenerates every app icon in build/ from build/icon.svg. Only needed after changing the SVG; the
# results are committed, so packaging and CI never run this.
# Needs (Debian): apt-get install -y librsvg2-bin imagemagick icnsutils
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
png() { rsvg-convert --width "$1" --height "$1" icon.svg --output "$2"; }

# Linux (electron-builder's icon folder: NxN.png) and the 1024 px master macOS and Linux fall back to.
png 1024 icon.png
mkdir -p icons
for size in 16 24 32 48 64 128 256 512 1024; do png "$size" "icons/${size}x${size}.png"; done

# Windows: one .ico with 16-256 px (ImageMagick stores 256 as PNG and the smaller ones as bitmaps).
for size in 16 20 24 32 40 48 64 128 256; do png "$size" "$tmp/$size.png"; done
/usr/bin/convert "$tmp"/{16,20,24,32,40,48,64,128,256}.png icon.ico

# macOS: .icns with 16-1024 px (16, 32, 128, 256, 512 and their @2x).
png2icns icon.icns icons/{16x16,32x32,48x48,128x128,256x256,512x512,1024x1024}.png >/dev/null
echo "icons written to $(pwd)"
