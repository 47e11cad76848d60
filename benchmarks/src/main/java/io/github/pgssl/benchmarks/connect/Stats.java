package io.github.pgssl.benchmarks.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Medians of round medians and paired round ratios, the statistics the report prints. */
final class Stats {
    private Stats() {
    }

    static double median(Collection<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static double min(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The per-round medians (in ms) of per-connection times (in ns), keyed by round. */
    static Map<Integer, Double> roundMedians(Map<Integer, List<Double>> nanosByRound) {
        Map<Integer, Double> m = new TreeMap<>();
        nanosByRound.forEach((round, nanos) -> m.put(round, median(nanos) / 1e6));
        return m;
    }

    /** pgssl/native for every round both paths ran. */
    static List<Double> pairedRatios(Map<Integer, Double> pgssl, Map<Integer, Double> nat) {
        List<Double> r = new ArrayList<>();
        pgssl.forEach((round, v) -> {
            Double n = nat.get(round);
            if (n != null && n > 0) {
                r.add(v / n);
            }
        });
        return r;
    }
}
