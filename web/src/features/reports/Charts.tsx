// The reports' charts, drawn by Chart.js (react-chartjs-2). A chunk of its own, loaded
// only when a report is opened, so the desk's bundle does not carry the library. Every
// chart has its table beside it (ReportsPage), which says the same in text.
import { BarElement, CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';

Chart.register(BarElement, CategoryScale, LinearScale, LineElement, PointElement, Legend, Tooltip);

export interface Series {
  label: string;
  values: number[];
  color: string;
  /** Bars of the same stack are piled up (stacked charts only). */
  stack?: string;
}

interface ChartProps {
  title: string;
  labels: string[];
  series: Series[];
  stacked?: boolean;
}

const options = {
  responsive: true,
  maintainAspectRatio: false,
  scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
};

const stackedOptions = {
  ...options,
  scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
};

export function BarChart({ title, labels, series, stacked }: ChartProps) {
  return (
    <div className="report-chart" role="img" aria-label={title}>
      <Bar
        options={stacked ? stackedOptions : options}
        data={{
          labels,
          datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color, stack: s.stack })),
        }}
      />
    </div>
  );
}

export function LineChart({ title, labels, series }: ChartProps) {
  return (
    <div className="report-chart" role="img" aria-label={title}>
      <Line
        options={options}
        data={{
          labels,
          datasets: series.map((s) => ({
            label: s.label,
            data: s.values,
            borderColor: s.color,
            backgroundColor: s.color,
          })),
        }}
      />
    </div>
  );
}
