#!/usr/bin/env bash
# Runs the benchmarks against servers on 127.0.0.1 and prints their tables (see bench/README.md).
#   bench/run.sh p3 [subscribers=10000] [holdSeconds=30]   stream benchmark (P3) against the sample app
#   bench/run.sh http [p1 p2 p4 p5 p7 startup]             P1, P2, P4, P5, P7 and start-up cost (needs wrk); all by default
# Uses the JDK on the PATH, or JAVA_HOME when set (for example a Java 25 JDK).
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
jar=$(ls sample-app/target/sample-app-*.jar | grep -v original | head -1)
classes=bench/target/classes
case "${1:-}" in
  p3) shift; exec "$java" -cp "$classes" dev.healthstarter.bench.StreamBench "$jar" "$classes" "$@" ;;
  http) shift; exec "$java" -cp "$classes" dev.healthstarter.bench.HttpBench "$classes:$(cat bench/target/classpath.txt)" "$jar" "$classes" "$@" ;;
  *) echo "usage: bench/run.sh p3 [subscribers] [holdSeconds] | bench/run.sh http [p1 p2 p4 p5 p7 startup]" >&2; exit 2 ;;
esac
