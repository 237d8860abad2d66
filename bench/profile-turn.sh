#!/usr/bin/env bash
# Takes an EventPipe trace of the Release bot while the load tool drives one turn kind, and
# summarises it (docs/benchmarks.md, "Where the time goes").
#
#   bench/profile-turn.sh <kind> [seconds]     e.g. bench/profile-turn.sh results 8
#
# Needs dotnet-trace: dotnet tool install --tool-path /tmp/dt dotnet-trace (or DOTNET_TRACE=path).
# Writes bench/results/profile-<kind>.nettrace and bench/results/profile-<kind>.txt.
set -euo pipefail
kind=${1:?usage: bench/profile-turn.sh <kind> [seconds]}
seconds=${2:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
trace_tool=${DOTNET_TRACE:-/tmp/dt/dotnet-trace}
results=$root/bench/results
mkdir -p "$results"

dotnet build -c Release "$root/bot" -v quiet -nologo >/dev/null
dotnet build -c Release "$root/bench/LoadTool" -v quiet -nologo >/dev/null

data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port/
# The bot as the load tool starts it (bench/LoadTool/HostProcess.cs): logging at Warning, no app
# id, the per-person and per-address limits raised.
(cd "$root/bot/bin/Release/net10.0" && exec env \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning MicrosoftAppId= \
    RateLimits__TurnBurstPerPerson=10000 RateLimits__TurnsPerMinutePerPerson=60000 \
    RateLimits__ChatTokensPerMinutePerAddress=100000 RateLimits__NewWebChatPeoplePerHourPerAddress=100000 \
    RateLimits__DirectLineConversationsPerMinutePerAddress=100000 Outbound__MessagesPerSecondPerConversation=100 \
    dotnet PledgeBot.dll --urls="$url" --Storage:DataDirectory="$data" --Campaign:PublicBaseUrl="$url") >"$results/profile-$kind-bot.log" 2>&1 &
bot=$!
trap 'kill $bot 2>/dev/null; wait $bot 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 150); do curl -sf "${url}healthz" >/dev/null && break; sleep 0.2; done

load() { dotnet "$root/bench/LoadTool/bin/Release/net10.0/LoadTool.dll" --url "$url" --pid "$bot" --kinds "$kind" --workers 16 "$@"; }
# First a run that is not traced, so that the JIT has done its work (tier 1) before the trace.
load --duration 6 --warmup 2 >"$results/profile-$kind-warmup.txt" 2>/dev/null
load --duration $((seconds + 4)) --warmup 0 >"$results/profile-$kind-load.txt" 2>/dev/null &
loader=$!
sleep 2
"$trace_tool" collect -p "$bot" --profile dotnet-sampled-thread-time,gc-verbose \
    --duration "00:00:00:$(printf %02d "$seconds")" -o "$results/profile-$kind.nettrace" >/dev/null
wait $loader
dotnet run -c Release --project "$root/bench/TraceSummary" -- "$results/profile-$kind.nettrace" "$root/bench/TraceSummary/turn-groups.txt" >"$results/profile-$kind.txt"
grep '| expectReplies |' "$results/profile-$kind-load.txt" | tail -1
echo "Summary: $results/profile-$kind.txt"
