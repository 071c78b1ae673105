#!/usr/bin/env bash
# Rebuild the committed front-end files from GOV.UK Frontend: `make assets` runs this.
# Needs Node 20+ and npm; people who only run the service need neither.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
static="$here/../fairhearing/static"
govuk="$here/node_modules/govuk-frontend/dist/govuk"

cd "$here"
npm ci --no-audit --no-fund

mkdir -p "$static/fairhearing"
npx --no-install sass --pkg-importer=node --style=compressed --no-source-map \
  src/fairhearing.scss "$static/fairhearing/fairhearing.css"

# GOV.UK Frontend's JavaScript (an ES module) and its images, but not its fonts: GDS Transport
# is for GOV.UK only. The source map is kept because the bundle names it, and Django's manifest
# storage refuses to collect a file that names a missing one.
rm -rf "$static/govuk"
mkdir -p "$static/govuk/assets"
cp "$govuk/govuk-frontend.min.js" "$govuk/govuk-frontend.min.js.map" "$static/govuk/"
cp -R "$govuk/assets/images" "$govuk/assets/manifest.json" "$static/govuk/assets/"

version="$(node -p "require('govuk-frontend/package.json').version")"
echo "Built with govuk-frontend $version into fairhearing/static/"
