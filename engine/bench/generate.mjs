// Deterministic generators of realistic alerting workloads for the benchmarks.

/** A small seeded PRNG (mulberry32), so every run measures the same input. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METRICS = ['http_requests_total', 'grpc_server_handled_total', 'node_cpu_seconds_total', 'kafka_consumer_lag',
  'process_resident_memory_bytes', 'up', 'node_filesystem_avail_bytes', 'container_memory_working_set_bytes',
  'apiserver_request_total', 'probe_success', 'queue_depth', 'job_duration_seconds'];
const JOBS = ['api', 'web', 'worker', 'db', 'cache', 'ingest', 'billing', 'auth'];
const LABELS = ['job', 'instance', 'namespace', 'pod', 'service', 'cluster', 'region'];
const WINDOWS = ['1m', '5m', '10m', '15m', '30m', '1h'];

/** 10,000 (or `count`) alert expressions shaped like those in real rule files. */
export function generateAlertExpressions(count, seed = 42) {
  const rnd = seededRandom(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const num = () => (Math.round(rnd() * 1000) / 10).toString();
  const sel = (metric) => {
    const parts = [`job="${pick(JOBS)}"`];
    if (rnd() < 0.5) parts.push(`namespace=~"${pick(JOBS)}-.*"`);
    if (rnd() < 0.3) parts.push(`code!~"2.."`);
    if (rnd() < 0.2) parts.push(`instance!="${pick(JOBS)}-0:9100"`);
    return `${metric}{${parts.join(', ')}}`;
  };
  const by = () => `by (${[pick(LABELS), pick(LABELS)].filter((v, i, a) => a.indexOf(v) === i).join(', ')})`;
  const shapes = [
    () => `sum ${by()} (rate(${sel(pick(METRICS))}[${pick(WINDOWS)}])) > ${num()}`,
    () => `sum ${by()} (rate(${sel('http_requests_total')}[${pick(WINDOWS)}])) / sum ${by()} (rate(${sel('http_requests_total')}[${pick(WINDOWS)}])) > 0.${Math.floor(rnd() * 9) + 1}`,
    () => `histogram_quantile(0.99, sum by (le, ${pick(LABELS)}) (rate(${sel('http_request_duration_seconds_bucket')}[${pick(WINDOWS)}]))) > ${num()}`,
    () => `up{job="${pick(JOBS)}"} == 0`,
    () => `absent(up{job="${pick(JOBS)}"})`,
    () => `(node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"} / node_filesystem_size_bytes) * 100 < ${num()} and predict_linear(node_filesystem_avail_bytes[6h], 4 * 3600) < 0`,
    () => `increase(${sel('kube_pod_container_status_restarts_total')}[1h]) > ${Math.floor(rnd() * 10)}`,
    () => `avg_over_time(${sel(pick(METRICS))}[${pick(WINDOWS)}]) > ${num()} unless on (${pick(LABELS)}) ${sel('maintenance_mode')} == 1`,
    () => `max_over_time(rate(${sel(pick(METRICS))}[5m])[30m:1m]) > ${num()}`,
    () => `100 * (1 - avg ${by()} (rate(node_cpu_seconds_total{mode="idle"}[${pick(WINDOWS)}]))) > ${num()}`,
    () => `topk(5, sum ${by()} (rate(${sel(pick(METRICS))}[${pick(WINDOWS)}]))) > ${num()}`,
    () => `${sel('kafka_consumer_lag')} - ${sel('kafka_consumer_lag')} offset 1h > ${num()}`,
    () => `sum without (instance) (${sel('probe_success')}) / count without (instance) (${sel('probe_success')}) < 0.9`,
    () => `time() - max ${by()} (${sel('job_last_success_timestamp_seconds')}) > ${Math.floor(rnd() * 86400)}`,
    () => `label_replace(rate(${sel(pick(METRICS))}[5m]), "svc", "$1", "job", "(.*)-.*") > ${num()}`,
    () => `container_memory_working_set_bytes / on (namespace, pod) group_left (node) kube_pod_info > ${num()} * 1024 * 1024`,
  ];
  const out = [];
  for (let i = 0; i < count; i++) out.push(pick(shapes)());
  return out;
}
