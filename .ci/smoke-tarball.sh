#!/usr/bin/env bash
# Installs the packed tarball into a fresh project and uses it three ways: ESM import, CJS require, the bin.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --prefer-offline --silent "./$tarball"

top_of() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).causes[0]?.id ?? "(none)"))'; }
expect() { if [ "$1" != "$2" ]; then echo "smoke: $3 printed '$1', expected '$2'" >&2; exit 1; fi; echo "smoke: $3 -> $1"; }

esm="$(node --input-type=module -e "
import { readFileSync } from 'node:fs';
import { classify } from 'pos-suspension-classifier';
const result = await classify(JSON.parse(readFileSync('$root/examples/contract-ended-hotel.json', 'utf8')));
console.log(result.causes[0].id);")"
expect "$esm" contract-ended "ESM import"

cjs="$(node -e "
const { readFileSync } = require('node:fs');
const { createClassifier } = require('pos-suspension-classifier');
const result = createClassifier().classifySync(JSON.parse(readFileSync('$root/examples/dormant-quiet-shop.json', 'utf8')));
console.log(result.causes[0].id);")"
expect "$cjs" dormant-account "CJS require"

bin="$(npx --no-install pos-suspension classify "$root/examples/cash-out-supermarket.json" --format json | top_of)"
expect "$bin" credit-card-cash-out "pos-suspension bin"

schema="$(node -e "console.log(require('pos-suspension-classifier/case-file.schema.json').required.join(','))")"
expect "$schema" merchant,transactions "schema subpath"
