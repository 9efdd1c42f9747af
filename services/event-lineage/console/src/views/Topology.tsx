import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, colourOf, Topology } from '../api';
import { Graph } from '../Graph';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: { label: 'data(label)', 'font-size': 11, 'text-valign': 'center', 'text-halign': 'center', color: '#fff', 'text-wrap': 'wrap' },
  },
  {
    selector: 'node.service',
    style: { shape: 'round-rectangle', 'background-color': 'data(colour)', width: 170, height: 34 },
  },
  {
    selector: 'node.topic',
    style: {
      shape: 'rectangle',
      'background-color': '#eef2f6',
      color: '#1f2933',
      'border-width': 1,
      'border-color': '#9aa5b1',
      width: 260,
      height: 30,
    },
  },
  { selector: 'node.observed', style: { 'border-style': 'dashed', 'border-color': '#c62828' } },
  {
    selector: 'edge',
    style: {
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'line-color': '#9aa5b1',
      'target-arrow-color': '#9aa5b1',
      width: 1.5,
    },
  },
];

/** Services and topics (publishers → topic → consumers), events per minute and consumer lag. */
export function TopologyView() {
  const [minutes, setMinutes] = useState(60);
  const [topology, setTopology] = useState<Topology | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .topology(minutes)
      .then(setTopology)
      .catch((e: Error) => setError(e.message));
  }, [minutes]);

  const elements = useMemo<ElementDefinition[]>(() => {
    if (!topology) return [];
    const services = new Set<string>();
    const out: ElementDefinition[] = [];
    for (const t of topology.topics) {
      out.push({ data: { id: `topic:${t.topic}`, label: t.topic }, classes: `topic ${t.source === 'observed' ? 'observed' : ''}` });
      for (const p of t.publishers) {
        services.add(p);
        out.push({ data: { id: `pub:${p}->${t.topic}`, source: `svc:${p}`, target: `topic:${t.topic}` } });
      }
      for (const c of t.consumers) {
        services.add(c);
        out.push({ data: { id: `sub:${t.topic}->${c}`, source: `topic:${t.topic}`, target: `svc:${c}` } });
      }
    }
    return [...[...services].map((s) => ({ data: { id: `svc:${s}`, label: s, colour: colourOf(s) }, classes: 'service' })), ...out];
  }, [topology]);

  if (error)
    return (
      <p className="error" data-testid="topology-error">
        {error}
      </p>
    );
  if (!topology) return <p>加载中 Loading…</p>;

  return (
    <section data-testid="topology-view">
      <h2>拓扑 Topology</h2>
      <label className="inline">
        时间窗 Window{' '}
        <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="topology-minutes">
          {[15, 60, 180, 1440].map((m) => (
            <option key={m} value={m}>
              {m} 分钟 min
            </option>
          ))}
        </select>
      </label>
      <h3>服务与主题 Services and topics</h3>
      <p className="hint">发布者 → 主题 → 消费者 (publishers → topic → consumers); 虚线 = 仅观察到 (observed, not in a contract)</p>
      <Graph elements={elements} style={STYLE} testId="topology-graph" height={520} />
      <h3>每分钟事件数 Events per minute</h3>
      <PerMinuteChart topology={topology} />
      <h3>消费延迟 Consumer lag</h3>
      <table data-testid="lag-table">
        <thead>
          <tr>
            <th>消费组 Group</th>
            <th>主题 Topic</th>
            <th>分区 Partition</th>
            <th>已提交 Committed</th>
            <th>高水位 High watermark</th>
            <th>延迟 Lag</th>
          </tr>
        </thead>
        <tbody>
          {topology.lag.map((l) => (
            <tr key={`${l.groupId}|${l.topic}|${l.partition}`} data-testid="lag-row" className={l.lag > 0 ? 'lagging' : ''}>
              <td>{l.groupId}</td>
              <td>{l.topic}</td>
              <td>{l.partition}</td>
              <td>{String(l.committedOffset)}</td>
              <td>{String(l.highWatermark)}</td>
              <td>{l.lag}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PerMinuteChart(props: { topology: Topology }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const minutes = [...new Set(props.topology.topics.flatMap((t) => t.perMinute.map((p) => p.minute)))].sort();
    const busy = props.topology.topics.filter((t) => t.perMinute.some((p) => p.count > 0));
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: minutes.map((m) => new Date(m).toLocaleTimeString('zh-CN', { hour12: false, hour: '2-digit', minute: '2-digit' })),
        datasets: busy.map((t) => {
          const counts = new Map(t.perMinute.map((p) => [p.minute, p.count]));
          return {
            label: t.topic,
            data: minutes.map((m) => counts.get(m) ?? 0),
            backgroundColor: colourOf(t.publishers[0] ?? t.topic),
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    canvas.current.dataset.ready = 'true';
    return () => chart.destroy();
  }, [props.topology]);
  return (
    <div className="chart">
      <canvas ref={canvas} data-testid="per-minute-chart" />
    </div>
  );
}
