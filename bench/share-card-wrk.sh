#!/usr/bin/env bash
# Load test of the share page's preview picture and page over HTTP with wrk (apt-get install -y wrk).
# Starts the bot in Release on a free local port with a throw-away data folder, warms it up,
# runs wrk, stops the bot. Usage: bench/share-card-wrk.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-32}"
cause=protecting-innocence

dotnet build bot -c Release -v q -nologo >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d)
base="http://127.0.0.1:$port"
dotnet bot/bin/Release/net10.0/PledgeBot.dll --urls="$base" --Storage:DataDirectory="$data" \
  --Campaign:PublicBaseUrl="$base/" --Logging:LogLevel:Default=Warning >"$data/bot.log" 2>&1 &
bot=$!
trap 'kill "$bot" 2>/dev/null; wait "$bot" 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs "$base/healthz" >/dev/null; do sleep 0.2; done

echo "== first request per cause (cold: render + encode, the first one includes JIT and loading SkiaSharp)"
for id in protecting-innocence burundi-refugees-tanzania rohingya-refugees-india yemen-crisis; do
  curl -s -o /dev/null -w "$id: %{time_total}s %{size_download} bytes\n" "$base/c/$id/card.png"
done

etag=$(curl -sI "$base/c/$cause/card.png" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
wrk -t2 -c"$connections" -d2s "$base/c/$cause/card.png" >/dev/null # warm-up

echo "== wrk: cached picture, 200 with the PNG"
wrk -t2 -c"$connections" -d"${duration}s" --latency "$base/c/$cause/card.png"
echo "== wrk: cached picture, 304 (If-None-Match: $etag)"
wrk -t2 -c"$connections" -d"${duration}s" --latency -H "If-None-Match: $etag" "$base/c/$cause/card.png"
echo "== wrk: the share page (HTML, live counts)"
wrk -t2 -c"$connections" -d"${duration}s" --latency "$base/c/$cause?r=abcdefghjk"
