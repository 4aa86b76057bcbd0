/** The Prometheus exposition-format parser the hub's tests read /metrics with (the package ships no types). */
declare module 'parse-prometheus-text-format' {
  type Sample = { value?: string; count?: string; sum?: string; buckets?: Record<string, string>; labels?: Record<string, string> };
  export default function parsePrometheusTextFormat(text: string): { name: string; help: string; type: string; metrics: Sample[] }[];
}
