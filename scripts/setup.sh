#!/usr/bin/env bash
# Installs everything the project needs into git-ignored folders (node_modules/, .tools/).
# Idempotent and fast when already done: every step checks a stamp before doing work.
#   --with-postgres   also make sure PostgreSQL 15 server binaries are present (CI, DB tests)
#   --with-browser    also make sure Debian's Chromium is present (browser tests; no browser download)
#   --with-fuzz       also install schemathesis in .tools/fuzz-venv (the API fuzz test; CI installs it)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TEMPORAL_CLI_VERSION="v1.5.1"
TEST_SERVER_VERSION="$(sed -n 's:.*<version>\(1\.[0-9.]*\)</version>.*:\1:p' "$ROOT/scripts/test-server/pom.xml" | head -n1)"
WITH_POSTGRES=0
WITH_BROWSER=0
WITH_FUZZ=0
for arg in "$@"; do
  case "$arg" in
    --with-postgres) WITH_POSTGRES=1 ;;
    --with-browser) WITH_BROWSER=1 ;;
    --with-fuzz) WITH_FUZZ=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] 错误 / error: %s\n' "$*" >&2; exit 1; }
mkdir -p "$TOOLS/bin"

# --- Node.js and npm packages -------------------------------------------------------------
command -v node >/dev/null || die "Node.js 20+ is required (https://nodejs.org/)."
node -e 'const [M,m]=process.versions.node.split(".").map(Number); process.exit(M>20||(M===20&&m>=3)?0:1)' \
  || die "Node.js >= 20.3 is required; found $(node --version)."
lock_sum="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$ROOT/node_modules/.setup-lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
  say "installing npm packages from package-lock.json …"
  # npm 11 writes lockfiles without other platforms' optional binaries (npm/cli#4828), which
  # makes 'npm ci' refuse them; 'npm install --no-save' still installs exactly the locked tree.
  if ! (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null); then
    say "npm ci refused the lockfile (npm/cli#4828); installing the locked tree with npm install --no-save"
    (cd "$ROOT" && npm install --no-save --no-audit --no-fund --loglevel=error)
  fi
  echo "$lock_sum" > "$ROOT/node_modules/.setup-lock-sha256"
else
  say "npm packages up to date"
fi

# --- Temporal CLI (contains the dev server) -----------------------------------------------
if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
  [ -x "$TEMPORAL_CLI_PATH" ] || die "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not an executable file."
  say "using Temporal CLI from TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH"
elif [ -x "$TOOLS/bin/temporal" ] && [ "$(cat "$TOOLS/bin/temporal.version" 2>/dev/null)" = "$TEMPORAL_CLI_VERSION" ]; then
  say "Temporal CLI $TEMPORAL_CLI_VERSION present"
else
  if ! command -v go >/dev/null; then
    die "Go 1.25+ is needed to build the Temporal CLI $TEMPORAL_CLI_VERSION (https://go.dev/dl/).
  Without Go: download the official 'temporal' binary from https://github.com/temporalio/cli/releases
  (or https://temporal.download/cli), then set TEMPORAL_CLI_PATH=/path/to/temporal."
  fi
  say "building Temporal CLI $TEMPORAL_CLI_VERSION with Go (takes a few minutes the first time) …"
  # Later tags carry a replace directive that 'go install' refuses, hence the pin.
  GOBIN="$TOOLS/bin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
  echo "$TEMPORAL_CLI_VERSION" > "$TOOLS/bin/temporal.version"
fi

# --- Java time-skipping test server -------------------------------------------------------
if [ -f "$TOOLS/test-server/lib/temporal-test-server-$TEST_SERVER_VERSION.jar" ]; then
  say "Temporal test server $TEST_SERVER_VERSION present"
else
  command -v java >/dev/null || die "Java 17+ is required for the time-skipping test server (https://adoptium.net/)."
  command -v mvn >/dev/null || die "Maven is required to fetch the time-skipping test server (https://maven.apache.org/)."
  say "fetching Temporal test server $TEST_SERVER_VERSION from Maven Central …"
  rm -rf "$TOOLS/test-server/lib"
  mvn -B -q -f "$ROOT/scripts/test-server/pom.xml" -Dmaven.repo.local="$TOOLS/m2" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$TOOLS/test-server/lib"
fi

# --- PostgreSQL server binaries (only when asked) -------------------------------------------
if [ "$WITH_POSTGRES" = 1 ]; then
  if [ -x /usr/lib/postgresql/15/bin/postgres ]; then
    say "PostgreSQL 15 server present"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing PostgreSQL 15 from Debian's packages …"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  else
    die "PostgreSQL 15 server binaries are missing (/usr/lib/postgresql/15/bin); install 'postgresql-15'."
  fi
fi

# --- Chromium for the browser tests (only when asked) ---------------------------------------
if [ "$WITH_BROWSER" = 1 ]; then
  if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    say "Chromium present (${CHROMIUM_PATH:-/usr/bin/chromium})"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Chromium from Debian's packages …"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    die "Chromium is missing (/usr/bin/chromium); install Debian's 'chromium' or set CHROMIUM_PATH."
  fi
  # The console is Chinese: without a CJK font the screenshots show boxes instead of characters.
  if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing a CJK font (Debian's fonts-noto-cjk) for the console screenshots …"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null ||
        { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
          DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null; }
    else
      say "no CJK font found: install Debian's 'fonts-noto-cjk' for readable console screenshots"
    fi
  fi
fi

# --- poppler-utils for the document tests (test runs only) ------------------------------------
# pdftotext reads generated PDFs back as text, pdftoppm renders their README pictures.
if [ "$WITH_POSTGRES" = 1 ] || [ "$WITH_BROWSER" = 1 ]; then
  if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null; then
    say "poppler-utils present (pdftotext, pdftoppm)"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's poppler-utils (pdftotext, pdftoppm) for the document tests …"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null ||
      { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null; }
  else
    die "pdftotext is missing; install Debian's 'poppler-utils' (the document tests read PDFs with it)."
  fi
fi

# --- schemathesis for the API fuzz test (test/temporal/api/fuzz.test.ts) ----------------------
# A virtualenv under .tools/ from PyPI, pinned; without it the test is skipped and says so.
SCHEMATHESIS_VERSION="4.3.18"
# hypothesis-jsonschema 0.23 still calls many.more(), gone from the newest hypothesis: pinned below it
HYPOTHESIS_VERSION="6.140.4"
if [ "$WITH_FUZZ" = 1 ]; then
  FUZZ_VENV="$TOOLS/fuzz-venv"
  if [ "$("$FUZZ_VENV/bin/schemathesis" --version 2>/dev/null)" = "schemathesis, version $SCHEMATHESIS_VERSION" ] &&
    [ "$("$FUZZ_VENV/bin/python" -c 'import hypothesis; print(hypothesis.__version__)' 2>/dev/null)" = "$HYPOTHESIS_VERSION" ]; then
    say "schemathesis $SCHEMATHESIS_VERSION present"
  else
    command -v python3 >/dev/null || die "python3 (3.9+) is required for --with-fuzz (schemathesis)."
    say "installing schemathesis $SCHEMATHESIS_VERSION into $FUZZ_VENV …"
    python3 -m venv "$FUZZ_VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)."
    "$FUZZ_VENV/bin/pip" install -q --disable-pip-version-check \
      "schemathesis==$SCHEMATHESIS_VERSION" "hypothesis==$HYPOTHESIS_VERSION"
  fi
fi

say "done"
