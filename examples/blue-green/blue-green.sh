#!/usr/bin/env bash
# Blue/green with the kubesteps CLI: deploy the new version red/black, smoke-test it, and roll back
# to the previous version when the smoke test fails. The same flow as docs/server-groups.md's Jenkinsfile.
#
#   IMAGE=registry:5000/shop:1.4.2 NAMESPACE=shop examples/blue-green/blue-green.sh
#
# KUBESTEPS (default: kubesteps) is the command to run; SMOKE_TEST the Job manifest of the smoke test.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
read -r -a kubesteps <<< "${KUBESTEPS:-kubesteps}"
ns="${NAMESPACE:-default}"
image="${IMAGE:?set IMAGE to the image to deploy, e.g. registry:5000/shop:1.4.2}"

# 1. the new version next to the old one; once it is stable and in the Service, the old one is disabled
"${kubesteps[@]}" deploy --file "$here/app.yaml" --namespace "$ns" --application shop \
  --artifact "registry:5000/shop=$image" --traffic-service shop --strategy redblack || exit $?

# 2. smoke test; on failure put the previous version back in and take the new one out
if ! "${kubesteps[@]}" run-job --file "${SMOKE_TEST:-$here/smoke-test.yaml}" --namespace "$ns"; then
  echo "Smoke test failed: rolling back to the previous version"
  "${kubesteps[@]}" enable-server-group --namespace "$ns" --cluster 'replicaSet shop' --criteria second_newest \
    || exit $?
  "${kubesteps[@]}" disable-server-group --namespace "$ns" --cluster 'replicaSet shop' --criteria newest || exit $?
  exit 1
fi
