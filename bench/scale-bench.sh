#!/usr/bin/env bash
# Console scale benchmark (issue 5): 10,000 companies and boxes, 1,000,000 findings; every box heartbeats once
# a minute, boxes deliver findings in batches, advisors work their queues; driven from this second process on
# a fixed-rate schedule. Not part of the test suite. Figures and how to read them: README, "規模 / Scale".
#   bench/scale-bench.sh [--smes 10000] [--findings 1000000] [--seconds 120] [--warmup 30] [--flat-seconds 30]
#                        [--rate 2000] [--batch 100] [--query-rate 35] [--senders 8] [--java-opts "-Xmx1g"]
#                        [--data bench/results/scale-data] [--out bench/results/scale-<time>.json]
# The seeded template (DATA/seed-<smes>-<findings>/) is made once and copied for every run (DATA/run/).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f console/target/mamori-console.jar ] || [ ! -f bench/target/mamori-bench.jar ]; then
  mvn -B -q -pl console,bench -am package -DskipTests
fi
mkdir -p bench/results
# the driver is small; its heap is capped so it leaves the machine to the console
exec java -Xmx512m -XX:+UseSerialGC -cp bench/target/mamori-bench.jar:console/target/mamori-console.jar jp.mamori.bench.ScaleBench "$@"
