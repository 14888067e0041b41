import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Chart as ChartType } from 'chart.js';
import { LocalNumberPipe } from '../../core/i18n/local-date.pipe';

export interface ChartSeries {
  label: string;
  data: (number | null)[];
  /** Shown in the table only (such as how many measures a point averages), not drawn. */
  tableOnly?: boolean;
  /** A fixed colour (a stakeholder group's, see group-colours.ts); otherwise the palette's next one. */
  colour?: string;
}

/** chart.js, once a chart has loaded it. */
let chartJs: typeof import('chart.js') | null = null;

interface ChartConfig {
  type: 'line' | 'bar';
  labels: string[];
  series: ChartSeries[];
  stacked: boolean;
}

/** Colours for series, distinguishable without red/green meaning, with AA contrast against white. */
const PALETTE = ['#1d4f6e', '#b35c00', '#6b3fa0', '#0f766e', '#5c6b77'];

/**
 * The one wrapper around chart.js: data in as signal inputs, the chart destroyed with the view,
 * chart.js loaded only when a chart comes into view, and a table with the same numbers for screen readers.
 */
@Component({
  selector: 'app-chart',
  imports: [LocalNumberPipe, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="lab-chart">
      <figcaption>
        <strong>{{ caption() }}</strong>
        @if (note()) {
          <span class="lab-muted"> — {{ note() }}</span>
        }
      </figcaption>
      <div class="lab-chart__canvas"><canvas #canvas role="img" [attr.aria-label]="caption()"></canvas></div>
      <details>
        <summary>{{ 'chart.asTable' | transloco }}</summary>
        <div class="lab-table-box" tabindex="0" role="region" [attr.aria-label]="caption()">
          <table class="utrecht-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{{ xLabel() }}</th>
                @for (s of series(); track s.label) {
                  <th class="utrecht-table__header-cell" scope="col">
                    @if (s.colour) {
                      <span class="lab-swatch" [style.background-color]="s.colour" aria-hidden="true"></span>
                    }
                    {{ s.label }}
                  </th>
                }
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              @for (label of labels(); track $index; let i = $index) {
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__cell" scope="row">{{ label }}</th>
                  @for (s of series(); track s.label) {
                    <td class="utrecht-table__cell">{{ (s.data[i] | localNumber) || '–' }}</td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  `,
})
export class ChartComponent {
  readonly type = input<'line' | 'bar'>('line');
  readonly caption = input.required<string>();
  readonly note = input<string>('');
  readonly xLabel = input<string>('');
  readonly labels = input.required<string[]>();
  readonly series = input.required<ChartSeries[]>();
  readonly stacked = input(false);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: ChartType | null = null;

  /** True once the chart is on (or close to) the screen: chart.js is loaded and run only for charts someone can see. */
  private readonly visible = signal(false);

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => this.chart?.destroy());
    afterNextRender(() => {
      // Printed, the page shows every chart: those not scrolled to yet are drawn first (chart.js is loaded by then).
      const print = () => {
        this.visible.set(true);
        if (!this.chart && chartJs) this.render(chartJs, this.config());
      };
      window.addEventListener('beforeprint', print);
      destroyRef.onDestroy(() => window.removeEventListener('beforeprint', print));
      const element = this.canvas().nativeElement;
      if (typeof IntersectionObserver === 'undefined') return this.visible.set(true);
      const observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          this.visible.set(true);
          observer.disconnect();
        },
        { rootMargin: '200px 0px' },
      );
      observer.observe(element);
      destroyRef.onDestroy(() => observer.disconnect());
    });
    effect(() => {
      const config = this.config();
      if (this.visible()) void this.draw(config);
    });
  }

  private config(): ChartConfig {
    return { type: this.type(), labels: this.labels(), series: this.series(), stacked: this.stacked() };
  }

  private async draw(config: ChartConfig): Promise<void> {
    chartJs ??= await import('chart.js');
    this.render(chartJs, config);
  }

  private render(lib: typeof import('chart.js'), config: ChartConfig): void {
    const {
      Chart,
      LineController,
      BarController,
      LineElement,
      BarElement,
      PointElement,
      CategoryScale,
      LinearScale,
      Legend,
      Tooltip,
      Decimation,
    } = lib;
    Chart.register(
      LineController,
      BarController,
      LineElement,
      BarElement,
      PointElement,
      CategoryScale,
      LinearScale,
      Legend,
      Tooltip,
      Decimation,
    );
    this.chart?.destroy();
    this.chart = new Chart(this.canvas().nativeElement, {
      type: config.type,
      data: {
        labels: config.labels,
        datasets: config.series
          .filter((s) => !s.tableOnly)
          .map((s, i) => ({
            label: s.label,
            data: s.data,
            borderColor: s.colour ?? PALETTE[i % PALETTE.length],
            backgroundColor: s.colour ?? PALETTE[i % PALETTE.length],
            borderWidth: 2,
            pointRadius: config.labels.length > 200 ? 0 : 3,
            spanGaps: true,
          })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        normalized: true,
        locale: document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL',
        scales: {
          x: { stacked: config.stacked },
          y: {
            stacked: config.stacked,
            beginAtZero: true,
            ticks: {
              precision: config.series.every((s) => s.data.every((v) => v === null || Number.isInteger(v)))
                ? 0
                : undefined,
            },
          },
        },
        plugins: {
          legend: { display: config.series.filter((s) => !s.tableOnly).length > 1, position: 'bottom' },
          decimation: { enabled: true, algorithm: 'lttb', samples: 200 },
        },
      },
    });
  }
}
