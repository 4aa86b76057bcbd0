// How the benchmarks summarise and print what they measured.

/** The p-th percentile of `values` (nearest rank). */
export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
export const ms = (v) => `${v.toFixed(1)} ms`;
export const n = (v) => Math.round(v).toLocaleString('en');
/** Not Math.max(...values): a spread of hundreds of thousands of arguments overflows the stack. */
export const spread = (values) => `p50 ${ms(percentile(values, 50))}   p95 ${ms(percentile(values, 95))}   max ${ms(values.reduce((a, b) => Math.max(a, b), -Infinity))}`;
