#!/usr/bin/env bash
# Two instances of the bot on one machine, sharing one PostgreSQL database, behind nginx.conf.
# Run from the repository's root after building once (dotnet build bot -c Release).
#
#   PLEDGEBOT_DB="Host=127.0.0.1;Database=pledgebot;Username=pledgebot;Password=..." docs/scale-out/instances.sh
#
# What every instance must share (README, "Several instances"): the database, the person key
# secret and the keys folder. Here they are one folder, /srv/pledgebot/shared; on several machines
# it would be a shared volume or a copy made once.
set -euo pipefail

: "${PLEDGEBOT_DB:?set PLEDGEBOT_DB to the Npgsql connection string of the campaign database}"
shared=${PLEDGEBOT_SHARED:-/srv/pledgebot/shared}
mkdir -p "$shared/keys"
chmod 700 "$shared" "$shared/keys"
if [ ! -s "$shared/person-key.secret" ]; then
  # 32 random bytes, base64: the value Privacy:PersonKeySecret takes.
  head -c 32 /dev/urandom | base64 > "$shared/person-key.secret"
  chmod 600 "$shared/person-key.secret"
fi

export Storage__PostgresConnectionString="$PLEDGEBOT_DB"
export Privacy__PersonKeySecret="$(cat "$shared/person-key.secret")"
export Privacy__KeysDirectory="$shared/keys"
# nginx on this machine: its X-Forwarded-For names the client, for the limits per address.
export ReverseProxy__TrustedProxies__0=127.0.0.1
# The address people reach, through the proxy: links in cards and emails point there.
export Campaign__PublicBaseUrl="${PLEDGEBOT_PUBLIC_URL:-https://campaign.example.org/}"

for port in 3978 3979; do
  # Each instance keeps a data folder of its own (the .eml outbox when no SMTP server is set).
  mkdir -p "/srv/pledgebot/instance-$port"
  dotnet bot/bin/Release/net10.0/PledgeBot.dll \
    --urls "http://127.0.0.1:$port" \
    --Storage:DataDirectory="/srv/pledgebot/instance-$port" &
done
wait
