#!/bin/sh
# Creates Threadline's namespace once the server answers (without it the worker exits at once) and registers
# the search attributes its runs carry (libs/contracts/src/search-attributes.ts). Idempotent. Runs in
# temporalio/admin-tools, and as is on any host with the temporal CLI on PATH (`npm run verify:cluster`).
set -eu
ns="${TEMPORAL_NAMESPACE:-threadline}"
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do echo "waiting for Temporal at $TEMPORAL_ADDRESS"; sleep 2; done
if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$ns" >/dev/null 2>&1; then
  echo "namespace $ns exists"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$ns" --retention 7d
  echo "namespace $ns created"
fi
# A new namespace reaches every frontend within seconds: retry until the attributes are registered.
tries=0
until temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$ns" \
  --name CampaignId --name AccountId --name LeadId --name SequenceStep --name LeadStatus --type Keyword; do
  tries=$((tries + 1))
  [ "$tries" -lt 15 ] || { echo "could not register the search attributes of $ns"; exit 1; }
  sleep 2
done
echo "search attributes of $ns registered"
