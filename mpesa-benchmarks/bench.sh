#!/usr/bin/env bash
# Runs the JMH benchmarks of mpesa-benchmarks.
#   mpesa-benchmarks/bench.sh quick   a QUICK pass (about a minute): average time only, one fork,
#                                     1 s iterations; for a sanity check, not for the record
#   mpesa-benchmarks/bench.sh full    the FULL pass recorded in BENCHMARKS.md (about 15 minutes):
#                                     average and sample time, 2 forks, 3 x 2 s warm-up,
#                                     5 x 2 s measurement, GC profiler (bytes per operation)
# Results go to mpesa-benchmarks/target/jmh-<pass>-*.json as well as the console.
set -euo pipefail
cd "$(dirname "$0")/.."
pass="${1:-quick}"
case "$pass" in
  quick) opts=(-f 1 -wi 1 -w 1s -i 2 -r 1s -bm avgt) ;;
  full) opts=(-f 2 -wi 3 -w 2s -i 5 -r 2s -prof gc) ;;
  *) echo "usage: $0 quick|full" >&2; exit 2 ;;
esac
mvn -B -q -pl mpesa-core,mpesa-benchmarks -am package -DskipTests -Dspotless.check.skip=true
jar=mpesa-benchmarks/target/benchmarks.jar
out=mpesa-benchmarks/target
echo "== ${pass^^} PASS: $(java -version 2>&1 | head -1), $(nproc) cores"
java -jar "$jar" 'HttpBenchmark' -t 1 "${opts[@]}" -rf json -rff "$out/jmh-$pass-http-t1.json"
java -jar "$jar" 'HttpBenchmark' -t 16 "${opts[@]}" -rf json -rff "$out/jmh-$pass-http-t16.json"
java -jar "$jar" 'TokenContentionBenchmark' "${opts[@]}" -rf json -rff "$out/jmh-$pass-tokens.json"
java -jar "$jar" 'CallbackParsingBenchmark|PhoneNumberBenchmark|ResilienceOverheadBenchmark' -t 1 "${opts[@]}" \
  -rf json -rff "$out/jmh-$pass-parsing.json"
echo "== ${pass^^} PASS done; JSON results in $out/jmh-$pass-*.json"
