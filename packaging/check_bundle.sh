#!/usr/bin/env bash
# Run the BUILT bundle the way a wall PC does: no Python, no venv, nothing of the build on PATH.
#   packaging/check_bundle.sh [dist/newsroom]
# Checks every command that needs no network, the wall itself (start, SIGTERM, exit 0) and prints the
# bundle's size and start-up times. Exits non-zero on the first failure. Linux (GNU date, od, awk).
set -euo pipefail
bundle="$(cd "${1:-dist/newsroom}" && pwd)"
work="$(mktemp -d)"
wall=""
server=""
trap '[ -n "$wall" ] && kill -9 "$wall" 2>/dev/null; [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
base="$work/base"
# the environment of a bare machine: no PYTHON*, no VIRTUAL_ENV, no venv on PATH
bare=(env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen)
run() { "${bare[@]}" "$@"; }
fail() { echo "bundle check FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1), $(find "$bundle" -type f | wc -l) files)"

t=$(now)
version="$(run "$bundle/newsroom" --version)" || fail "--version"
echo "newsroom --version: $version (${t:+$(since "$t")} s)"

# screenshot of the demo: a PNG of exactly the asked size
t=$(now)
run "$bundle/newsroom" screenshot --demo --out "$work/wall.png" --size 1280x720 --basedir "$base" \
  > "$work/out.txt" 2> "$work/err.txt" || { cat "$work/err.txt" >&2; fail "screenshot --demo"; }
echo "screenshot --demo 1280x720: $(since "$t") s"
size="$(od -An -tu1 -j16 -N8 "$work/wall.png" | awk '{ printf "%dx%d", (($1*256+$2)*256+$3)*256+$4, (($5*256+$6)*256+$7)*256+$8 }')"
[ "$(head -c 8 "$work/wall.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "wall.png is not a PNG"
[ "$size" = 1280x720 ] || fail "wall.png is $size, not 1280x720"
[ ! -e "$base/data/demo.sqlite3" ] || fail "screenshot --demo wrote a demo store (it must stay in memory)"

# doctor on a machine without config: exit 0 (all fine) or 1 (something to fix, e.g. no keyring),
# never 2 or a crash; its report names Python and the bundled Qt
set +e
run "$bundle/newsroom" doctor --basedir "$base" > "$work/doctor.txt" 2> "$work/doctor.err"
code=$?
set -e
cat "$work/doctor.txt"
[ "$code" = 0 ] || [ "$code" = 1 ] || { cat "$work/doctor.err" >&2; fail "doctor exited $code"; }
grep -q "Traceback\|unexpected failure" "$work/doctor.txt" "$work/doctor.err" && fail "doctor crashed"
grep -q "ok\] PySide6" "$work/doctor.txt" || fail "doctor does not see the bundled PySide6"
grep -q "ok\] sentence encoder" "$work/doctor.txt" || fail "doctor does not see the bundled sentence encoder"
echo "doctor: exit $code"

# the analysis commands, on their data files in the bundle (lexicons, language model, stopwords)
out="$(printf '%s\n' '{"text": "Wat een prachtige dag in Lindeveld!"}' '{"text": "C'"'"'est une catastrophe"}' |
  run "$bundle/newsroom" sentiment --basedir "$base")" || fail "sentiment"
echo "$out" | grep -q '"lang": "nl".*"label": "positive"' || fail "sentiment (nl): $out"
echo "$out" | grep -q '"lang": "fr".*"label": "negative"' || fail "sentiment (fr): $out"
printf 'timestamp,value\n2026-01-01T00:00:00Z,1\n2026-01-01T01:00:00Z,2\n' |
  run "$bundle/newsroom" spikes --basedir "$base" | grep -q '^2026-01-01T01:00:00Z,2,' || fail "spikes"
printf '%s\n' '{"id": "1", "text": "Storm in Lindeveld: bomen op de weg"}' |
  run "$bundle/newsroom" topics --basedir "$base" | grep -q '"topic"' || fail "topics"
printf '%s\n' '{"id": "t:1", "text": "De brug aan de Kanaalweg is weer dicht", "published": "2026-11-23T10:15:00Z"}' \
  > "$work/in.jsonl"
run "$bundle/newsroom" import "$work/in.jsonl" --basedir "$base" > /dev/null || fail "import"
run "$bundle/newsroom" secret check alerts.email.password --basedir "$base" > /dev/null 2>&1 || true
echo "sentiment, spikes, topics, import: ok"

# collect: a feed from a local web server (the system's python3 serves the repository's test feed)
repo="$(cd "$(dirname "$0")/.." && pwd)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory "$repo/tests/data/sources" "$port" > /dev/null 2>&1 &
server=$!
cat > "$work/collect.toml" <<TOML
[[searches]]
name = "Lindeveld"
query = "Lindeveld OR Kanaalweg"
sources = ["rss"]

[sources.rss]
feeds = ["http://127.0.0.1:$port/lindeveld_rss.xml"]
TOML
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
set +e
run "$bundle/newsroom" collect --once --config "$work/collect.toml" --basedir "$work/collect" \
  > "$work/collect.jsonl" 2> "$work/collect.err"
code=$?
set -e
kill "$server"
server=""
[ "$code" = 0 ] || { cat "$work/collect.err" >&2; fail "collect exited $code"; }
grep -q "Kanaalweg" "$work/collect.jsonl" || fail "collect printed no mention of the test feed"
echo "collect --once (RSS over HTTP): $(wc -l < "$work/collect.jsonl") mentions"

# the wall: starts on the demo, a second start exits 0, SIGTERM closes the pipeline and exits 0
t=$(now)
"${bare[@]}" "$bundle/newsroom-wall" --demo --windowed --basedir "$base" > "$work/wall.out" 2>&1 &
wall=$!
log="$base/logs/newsroom.log"
for _ in $(seq 1 600); do
  grep -q "wall shows live data" "$log" 2>/dev/null && break
  kill -0 "$wall" 2>/dev/null || { cat "$work/wall.out" >&2; fail "the wall stopped on its own"; }
  sleep 0.1
done
grep -q "wall shows live data" "$log" || { kill "$wall"; fail "the wall showed no data within 60 s"; }
shown="$(grep -m1 "wall started" "$log" | cut -c1-23 | tr , .)"
echo "wall on the demo: window shown after $(awk -v a="$t" -v b="$(date -d "$shown" +%s.%N)" \
  'BEGIN { printf "%.1f", b - a }') s, live data after $(since "$t") s"
second="$(run "$bundle/newsroom" --demo --windowed --basedir "$base")" || fail "second start"
echo "$second" | grep -q "already running" || fail "second start: $second"
kill -TERM "$wall"
set +e
wait "$wall"
code=$?
set -e
wall=""
[ "$code" = 0 ] || { cat "$work/wall.out" >&2; fail "the wall exited $code after SIGTERM"; }
grep -q "pipeline closed (SIGTERM)" "$log" || fail "no 'pipeline closed' in the log"
echo "wall: second start brought it forward, SIGTERM closed the pipeline, exit 0"
echo "bundle check passed"
