#!/bin/sh
# npm run lint: what CI checks of the code's shape, step by step (stops at the first that fails).
set -e
prettier --check "backend/src/**/*.ts" "frontend/src/**/*.{ts,html,css}" \
  "tests/**/*.{ts,mjs}" "tools/**/*.mjs" "*.{mjs,js}"
NX_DAEMON=false NX_NO_CLOUD=true eslint backend/src frontend/src tests
tsc -p tests/tsconfig.json
node tools/folder-cycles.mjs
node tools/long-lines.mjs
