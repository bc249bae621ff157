#!/bin/sh
# Creates Threadline's namespace once the server answers (without it the worker exits at once). Idempotent.
set -eu
ns="${TEMPORAL_NAMESPACE:-threadline}"
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do echo "waiting for Temporal at $TEMPORAL_ADDRESS"; sleep 2; done
if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$ns" >/dev/null 2>&1; then
  echo "namespace $ns exists"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$ns" --retention 7d
  echo "namespace $ns created"
fi
