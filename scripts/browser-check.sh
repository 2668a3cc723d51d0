#!/usr/bin/env bash
# Opens a plancast report in headless Chromium and checks what a reader would see:
#   1. a PNG screenshot that is not blank (many colours, not one background colour),
#   2. no console messages (the report has no scripts, so any message is an error),
#   3. no network request from the page (everything is inline; the browser's own background
#      traffic is told apart by the network isolation key, which is file:// only for the page),
#   4. in the DOM Chromium built (--dump-dom), one <svg class="fan-chart"> per indicator with data,
#   5. every target marker on the axis of its own quantity (read off the chart's ticks, inside the
#      plot; an average-growth target of a level series only on a growth axis).
#
# usage: scripts/browser-check.sh [REPORT.html] [SCREENSHOT.png]
#   REPORT.html     default: Results/langson-2025/report.html
#   SCREENSHOT.png  default: report.png next to the report
# environment:
#   EXPECTED_CHARTS  charts to expect; default: the indicators with history in results.json next to the report
#   WINDOW_SIZE      browser window for the screenshot, default 1280,2400
#   CHROMIUM         the browser; default: the first of chromium, chromium-browser, google-chrome on PATH
# needs: chromium (Debian package `chromium`), python3 (standard library only).
# exit status: 0 every check passed, 1 a check failed, 2 usage or a missing tool.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
report="${1:-$root/Results/langson-2025/report.html}"
[ -f "$report" ] || { echo "browser-check: no report at $report; run plancast run first" >&2; exit 2; }
report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
screenshot="${2:-${report%.html}.png}"
case "$screenshot" in /*) ;; *) screenshot="$PWD/$screenshot" ;; esac
window="${WINDOW_SIZE:-1280,2400}"

browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
  done
fi
[ -n "$browser" ] || { echo "browser-check: chromium not found; install the Debian package chromium (apt-get install chromium)" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "browser-check: python3 not found; install python3" >&2; exit 2; }

expected="${EXPECTED_CHARTS:-}"
if [ -z "$expected" ]; then
  results="$(dirname "$report")/results.json"
  [ -f "$results" ] || { echo "browser-check: no results.json next to the report; set EXPECTED_CHARTS" >&2; exit 2; }
  expected="$(python3 -c 'import json, sys
print(sum(1 for i in json.load(open(sys.argv[1]))["indicators"] if i.get("history")))' "$results")"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A fresh profile per run; no background services; every host name fails to resolve, so nothing
# outside the file can load even if the page asked for it (and the net log shows that it asked).
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --no-default-browser-check
       --disable-background-networking --disable-component-update --disable-sync --disable-extensions
       --disable-default-apps --disable-domain-reliability --disable-client-side-phishing-detection
       "--host-resolver-rules=MAP * ~NOTFOUND" --enable-logging=stderr --v=0)
url="file://$report"

"$browser" "${flags[@]}" --user-data-dir="$work/profile-shot" --log-net-log="$work/net-shot.json" \
  --window-size="$window" --screenshot="$screenshot" "$url" >"$work/shot.out" 2>"$work/shot.err" || true
"$browser" "${flags[@]}" --user-data-dir="$work/profile-dom" --log-net-log="$work/net-dom.json" \
  --window-size="$window" --dump-dom "$url" >"$work/dom.html" 2>"$work/dom.err" || true

python3 - "$screenshot" "$work" "$expected" <<'PYTHON'
import json, os, struct, sys, zlib
from itertools import accumulate

screenshot, work, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
failures = []

def decode_png(path):
    """Pixels of an 8-bit, non-interlaced RGB or RGBA PNG as rows of bytes (standard library only)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unexpected PNG format (depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(idat)
    rows, previous = [], bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], raw[start + 1:start + 1 + stride]
        if kind == 0:
            row = bytes(line)
        elif kind == 1:
            row = bytearray(stride)
            for c in range(bpp):
                row[c::bpp] = bytes(v & 255 for v in accumulate(line[c::bpp]))
        elif kind == 2:
            row = bytes((a + b) & 255 for a, b in zip(line, previous))
        else:
            row = bytearray(stride)
            for i in range(stride):
                a = row[i - bpp] if i >= bpp else 0
                b = previous[i]
                if kind == 3:
                    p = (a + b) >> 1
                else:
                    c = previous[i - bpp] if i >= bpp else 0
                    estimate = a + b - c
                    pa, pb, pc = abs(estimate - a), abs(estimate - b), abs(estimate - c)
                    p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[i] = (line[i] + p) & 255
        rows.append(bytes(row))
        previous = rows[-1]
    return width, height, bpp, rows

# 1. The screenshot is not blank.
if not os.path.exists(screenshot) or os.path.getsize(screenshot) == 0:
    failures.append(f"no screenshot was written to {screenshot}")
else:
    width, height, bpp, rows = decode_png(screenshot)
    counts = {}
    for row in rows[::4]:
        for x in range(0, width * bpp, 4 * bpp):
            pixel = row[x:x + 3]
            counts[pixel] = counts.get(pixel, 0) + 1
    total = sum(counts.values())
    background = max(counts.values())
    share = 1 - background / total
    print(f"screenshot: {width}×{height}, {os.path.getsize(screenshot)} bytes, {len(counts)} distinct colours sampled, "
          f"{share:.1%} not background")
    if len(counts) < 16 or share < 0.02:
        failures.append(f"the screenshot looks blank ({len(counts)} colours, {share:.1%} of pixels not background)")

# 2. No console messages: the report has no scripts, so any message is an error.
console = []
for name in ("shot.err", "dom.err"):
    for line in open(os.path.join(work, name), encoding="utf-8", errors="replace"):
        if ":CONSOLE" in line or "Uncaught" in line:
            console.append(line.strip())
print(f"console messages: {len(console)}")
if console:
    failures.append("console messages:\n  " + "\n  ".join(console[:10]))

# 3. No network request from the page.
requests = set()
for name in ("net-shot.json", "net-dom.json"):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        continue
    try:
        log = json.load(open(path, encoding="utf-8", errors="replace"))
    except json.JSONDecodeError:
        continue
    for event in log.get("events", []):
        params = event.get("params") or {}
        url = params.get("url", "")
        if url.startswith(("http:", "https:", "ws:", "wss:")) and params.get("network_isolation_key", "").startswith("file://"):
            requests.add(url)
print(f"network requests from the page: {len(requests)}")
if requests:
    failures.append("the page requested: " + ", ".join(sorted(requests)[:10]))

# 4. One chart per indicator with data in the DOM Chromium built.
dom = open(os.path.join(work, "dom.html"), encoding="utf-8", errors="replace").read()
charts = dom.count('<svg class="fan-chart')
print(f"charts in the DOM: {charts}, expected {expected}")
if "</html>" not in dom:
    failures.append("the dumped DOM is incomplete")
if charts != expected:
    failures.append(f"the DOM holds {charts} <svg class=\"fan-chart\"> charts; expected {expected}, one per indicator with data")

# 5. Every target marker sits on the axis of its own quantity: read off the chart's ticks, its pixel
#    position is its value and lies inside the plot; an average-growth target of a level series is
#    drawn only on a growth axis (a growth chart or a chart of growth rates), never on a level axis.
from html.parser import HTMLParser

class Charts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.charts, self.current = [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and a.get("class", "").split()[:1] in (["fan-chart"], ["growth-chart"]):
            self.current = {"class": a["class"].split()[0], "indicator": a.get("data-indicator"),
                            "quantity": a.get("data-quantity"), "axis": a.get("data-value-axis"),
                            "plot": [float(v) for v in a.get("data-plot", "0 0").split()], "ticks": [], "targets": []}
            self.charts.append(self.current)
        elif self.current is not None and tag == "text" and "tick" in a.get("class", "").split():
            coordinate = a.get("y") if self.current["axis"] == "y" else a.get("x")
            self.current["ticks"].append((float(a["data-value"]), float(coordinate)))
        elif self.current is not None and tag == "g" and a.get("class") == "target":
            self.current["targets"].append((a.get("data-target"), a.get("data-kind"), float(a["data-value"]), float(a["data-at"])))
    def handle_endtag(self, tag):
        if tag == "svg":
            self.current = None

parser = Charts()
parser.feed(dom)
markers = 0
for chart in parser.charts:
    ticks = chart["ticks"]
    name = f'{chart["class"]} of {chart["indicator"]}'
    if len(ticks) < 2 or chart["axis"] not in ("x", "y"):
        if chart["targets"]:
            failures.append(f"{name}: target markers but no value axis to read them on")
        continue
    (v0, p0), (v1, p1) = ticks[0], ticks[-1]
    low, high = min(chart["plot"]), max(chart["plot"])
    for target, kind, value, at in chart["targets"]:
        markers += 1
        expected = p0 + (value - v0) / (v1 - v0) * (p1 - p0)
        if abs(expected - at) > 1.0:
            failures.append(f"{name}: target {target} ({value}) is drawn at {at}, where the axis reads {v0 + (at - p0) / (p1 - p0) * (v1 - v0):.4g}")
        if not (low - 1 <= at <= high + 1):
            failures.append(f"{name}: target {target} ({value}) is outside the plot ({at} not in {low}–{high})")
        if kind == "average_growth" and chart["quantity"] != "growth":
            failures.append(f"{name}: average-growth target {target} is drawn on a {chart['quantity']} axis")
print(f"target markers read off their axes: {markers} in {len(parser.charts)} charts")

if failures:
    print("browser-check: FAILED\n- " + "\n- ".join(failures), file=sys.stderr)
    sys.exit(1)
print("browser-check: passed")
PYTHON
