#!/usr/bin/env bash
# Runs a benchmark against the sample app on 127.0.0.1 and prints its table (see bench/README.md).
#   bench/run.sh p3 [subscribers=10000] [holdSeconds=30]
# Uses the JDK on the PATH, or JAVA_HOME when set (for example a Java 25 JDK).
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -q -B -DskipTests package
jar=$(ls sample-app/target/sample-app-*.jar | grep -v original | head -1)
case "${1:-}" in
  p3) shift; exec "$java" -cp bench/target/classes dev.healthstarter.bench.StreamBench "$jar" bench/target/classes "$@" ;;
  *) echo "usage: bench/run.sh p3 [subscribers] [holdSeconds]" >&2; exit 2 ;;
esac
