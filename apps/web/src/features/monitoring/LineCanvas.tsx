import { theme } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Line } from './chart-model.ts';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface LineCanvasProps {
  lines: Line[];
  /** Lines drawn dashed: requests, limits, allocatable (what usage is measured against). */
  dashed: string[];
  /** A value in the chart's unit, written the reader's way. */
  formatValue: (value: number) => string;
  formatTime: (at: number) => string;
  label: string;
  height?: number;
  /** The range asked for, [start, end] in milliseconds: the axis spans it even where points are few. */
  span?: [number, number];
  /** Whole numbers only on the value axis (counts). */
  integer?: boolean;
  /** A fixed step between value ticks (binary sizes for bytes). */
  interval?: number;
}

/**
 * Lines over time on a canvas. A chunk of its own (echarts is large), loaded only by pages with charts.
 * Colours come from the theme's tokens; the legend scrolls instead of pushing the plot away.
 */
export default function LineCanvas({
  lines,
  dashed,
  formatValue,
  formatTime,
  label,
  height = 220,
  span,
  integer = false,
  interval,
}: LineCanvasProps) {
  const { token } = theme.useToken();
  const element = useRef<HTMLDivElement>(null);
  const figures = JSON.stringify({ lines, dashed, span, integer, interval });
  const format = useRef({ formatValue, formatTime });
  format.current = { formatValue, formatTime };
  useEffect(() => {
    const { lines, dashed, span, integer, interval } = JSON.parse(figures) as {
      lines: Line[];
      dashed: string[];
      span?: [number, number];
      integer: boolean;
      interval?: number;
    };
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'canvas' });
    const palette = [
      token.colorPrimary,
      token.colorSuccess,
      token.colorWarning,
      token.colorError,
      token['purple-6'],
      token['cyan-6'],
      token['magenta-6'],
      token['gold-6'],
      token['geekblue-6'],
      token.colorTextTertiary,
    ];
    chart.setOption({
      color: palette,
      animation: false,
      grid: { left: 8, right: 16, top: 12, bottom: 40, containLabel: true },
      legend: {
        type: 'scroll',
        bottom: 0,
        textStyle: { color: token.colorTextSecondary, fontSize: 11 },
        pageTextStyle: { color: token.colorTextSecondary },
        pageIconColor: token.colorPrimary,
        pageIconInactiveColor: token.colorTextDisabled,
        formatter: (name: string) => (name.length > 40 ? `${name.slice(0, 39)}…` : name),
        tooltip: { show: true },
      },
      tooltip: {
        trigger: 'axis',
        confine: true,
        backgroundColor: token.colorBgElevated,
        borderColor: token.colorBorderSecondary,
        textStyle: { color: token.colorText, fontSize: 12 },
        formatter: (params: unknown) => {
          const rows = params as Array<{ marker: string; seriesName: string; value: [number, number] }>;
          const at = rows[0]?.value[0];
          const lines = rows
            .slice()
            .sort((a, b) => b.value[1] - a.value[1])
            .map(
              (row) =>
                `${row.marker}${escapeHtml(row.seriesName)}&nbsp;&nbsp;<b>${format.current.formatValue(row.value[1])}</b>`,
            );
          return [at === undefined ? '' : format.current.formatTime(at), ...lines].join('<br/>');
        },
      },
      xAxis: {
        type: 'time',
        ...(span ? { min: span[0], max: span[1] } : {}),
        axisLine: { lineStyle: { color: token.colorBorder } },
        axisLabel: { color: token.colorTextSecondary, hideOverlap: true },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        ...(integer ? { minInterval: 1 } : {}),
        // A fixed step needs a top on a whole step, or the last tick crowds the one below it.
        ...(interval
          ? {
              interval,
              max: (extent: { max: number }) => Math.max(1, Math.ceil(extent.max / interval)) * interval,
            }
          : {}),
        axisLabel: {
          color: token.colorTextSecondary,
          formatter: (value: number) => format.current.formatValue(value),
        },
        splitLine: { lineStyle: { color: token.colorBorderSecondary } },
      },
      series: lines.map((line) => ({
        type: 'line',
        name: line.name,
        data: line.points,
        showSymbol: line.points.length < 3,
        symbolSize: 4,
        lineStyle: { width: 1.5, type: dashed.includes(line.name) ? 'dashed' : 'solid' },
        emphasis: { focus: 'series' },
      })),
    });
    const resize = () => chart.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [figures, token]);
  return <div ref={element} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
