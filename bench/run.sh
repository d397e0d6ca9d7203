#!/usr/bin/env bash
# Runs the benchmarks against servers on 127.0.0.1 and prints their tables (see bench/README.md).
#   bench/run.sh p3 [subscribers=10000] [holdSeconds=30] [tomcat|jetty|netty]   stream benchmark (P3) against the sample app
#   bench/run.sh p6 [subscribers=10000] [holdSeconds=90]                  change propagation (P6) against the sample app and its floor
#   bench/run.sh p10 [healthy=10000] [stalled=1000] [holdSeconds=60] [tomcat|jetty|netty]   P6's subscribers alone, beside stalled clients and beside evicted ones (P10)
#   bench/run.sh http [p1 p2 p4 p5 p7 startup] [tomcat|jetty|netty]      P1, P2, P4, P5, P7 and start-up cost (needs wrk); all by default, on Tomcat
#   bench/run.sh p8                                                       Actuator's /actuator/health accelerated by the starter (P8)
#   bench/run.sh p11 [intervals=6]                                        1,000 HTTP targets monitored by the sample app (P11)
#   bench/run.sh p9 [peers=200 1000]                                      one instance watching simulated fleet peers (P9)
#   bench/run.sh p12                                                      cost growth with the number of checks (P12)
#   bench/run.sh p13 [watchers=1000 10000]                                gRPC health: Watch lag beside Boot's updater, Check throughput (P13)
# Uses the JDK on the PATH, or JAVA_HOME when set (for example a Java 25 JDK).
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
jar=$(ls sample-app/target/sample-app-*.jar | grep -v original | head -1)
classes=bench/target/classes
# The sample app from its classes, with the bench's classes (for spring.main.sources) and both web servers' jars.
sample="sample-app/target/classes:$classes:$(cat sample-app/target/classpath.txt):$(cat bench/target/classpath.txt)"
case "${1:-}" in
  p3) shift; exec "$java" -cp "$classes" dev.healthstarter.bench.StreamBench "$sample" "$@" ;;
  p6) shift; exec "$java" -cp "$classes" dev.healthstarter.bench.ChangeBench "$sample" "$@" ;;
  p10) shift; exec "$java" -cp "$classes" dev.healthstarter.bench.StalledClientsBench "$sample" "$@" ;;
  p8) shift; exec "$java" -cp "$classes" dev.healthstarter.bench.ActuatorBench "$classes:$(cat bench/target/classpath.txt)" ;;
  p11) shift; exec "$java" -cp "$classes" dev.healthstarter.bench.MonitorBench "$sample" "$@" ;;
  p12) shift; exec "$java" -cp "$classes" dev.healthstarter.bench.CheckCountBench "$classes:$(cat bench/target/classpath.txt)" ;;
  p9) shift; exec "$java" -cp "$classes:$(cat bench/target/classpath.txt)" dev.healthstarter.bench.FleetBench "$sample" "$@" ;;
  p13) shift; exec "$java" -cp "$classes:$(cat bench/target/classpath.txt)" dev.healthstarter.bench.GrpcHealthBench "$sample" "$@" ;;
  http) shift; exec "$java" -cp "$classes" dev.healthstarter.bench.HttpBench "$classes:$(cat bench/target/classpath.txt)" "$jar" "$classes" "$@" ;;
  *) echo "usage: bench/run.sh p3 [subscribers] [holdSeconds] [tomcat|jetty|netty] | bench/run.sh p6 [subscribers] [holdSeconds] | bench/run.sh p10 [healthy] [stalled] [holdSeconds] [tomcat|jetty|netty] | bench/run.sh http [p1 p2 p4 p5 p7 startup] [tomcat|jetty|netty] | bench/run.sh p8 | bench/run.sh p11 [intervals] | bench/run.sh p9 [peers...] | bench/run.sh p12 | bench/run.sh p13 [watchers...]" >&2; exit 2 ;;
esac
