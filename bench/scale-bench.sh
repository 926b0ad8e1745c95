#!/usr/bin/env bash
# Console scale benchmark: 10,000 companies and boxes, 1,000,000 findings, heartbeats every 60 s per box,
# advisors' list calls and ingestion, driven from a second process. Not part of the test suite.
#   bench/scale-bench.sh [--seconds 60] [--rate 2000] [--smes 10000] [--findings 1000000] [--data DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f console/target/mamori-console.jar ] || [ ! -f bench/target/mamori-bench.jar ]; then
  mvn -B -q package -DskipTests
fi
mkdir -p bench/results
exec java -Xmx1g -cp bench/target/mamori-bench.jar:console/target/mamori-console.jar jp.mamori.bench.ScaleBench \
  --console-jar console/target/mamori-console.jar "$@"
