#!/usr/bin/env bash
# Refreshes the vendored browser libraries of the web workbench from the versions pinned in
# src/Vigil.Web/client/package.json + package-lock.json. The copies in src/Vigil.Web/wwwroot/vendor/ are
# committed, so building and running Vigil needs no node; run this only to change a version:
#   edit client/package.json, run `npm install` there once to update the lock file, then this script.
set -euo pipefail
cd "$(dirname "$0")/../src/Vigil.Web/client"
npm ci --no-audit --no-fund --ignore-scripts

vendor=../wwwroot/vendor
rm -rf "$vendor"
mkdir -p "$vendor/echarts" "$vendor/topojson-client" "$vendor/world-atlas"

# ECharts: the full minified UMD build (charts and, for the events map, the map series), with its licence and notice.
cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE node_modules/echarts/NOTICE "$vendor/echarts/"
# zrender (ECharts' renderer, bundled inside echarts.min.js) is under its own BSD-3-Clause licence.
cp node_modules/zrender/LICENSE "$vendor/echarts/LICENSE-zrender"

# World map data for the events choropleth (Natural Earth 1:110m, via world-atlas) and its TopoJSON reader.
cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE "$vendor/topojson-client/"
cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE "$vendor/world-atlas/"

for package in echarts zrender topojson-client world-atlas; do
  printf '%s %s\n' "$package" "$(node -p "require('./node_modules/$package/package.json').version")"
done > "$vendor/VERSIONS.txt"
cat "$vendor/VERSIONS.txt"
