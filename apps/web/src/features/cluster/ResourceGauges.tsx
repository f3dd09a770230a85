import { theme } from 'antd';
import { GaugeChart } from 'echarts/charts';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([GaugeChart, CanvasRenderer]);

export interface Gauge {
  title: string;
  /** 0..1 or more when over-committed. */
  ratio: number;
  detail: string;
}

/**
 * Requests against allocatable as gauges, one per resource. A chunk of its own (echarts is large):
 * the overview tab loads it lazily. Colours come from the theme's tokens, never fixed.
 */
export default function ResourceGauges({ gauges }: { gauges: Gauge[] }) {
  const { token } = theme.useToken();
  const element = useRef<HTMLDivElement>(null);
  // Drawn again only when a figure changes, not on every render of the page around it.
  const figures = JSON.stringify(gauges);
  useEffect(() => {
    const gauges = JSON.parse(figures) as Gauge[];
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'canvas' });
    const width = 100 / gauges.length;
    chart.setOption({
      series: gauges.map((gauge, index) => {
        const percent = Math.round(gauge.ratio * 100);
        const color =
          percent >= 90 ? token.colorError : percent >= 75 ? token.colorWarning : token.colorPrimary;
        return {
          type: 'gauge',
          center: [`${width * index + width / 2}%`, '58%'],
          radius: '80%',
          min: 0,
          max: 100,
          startAngle: 200,
          endAngle: -20,
          progress: { show: true, width: 12, itemStyle: { color } },
          axisLine: { lineStyle: { width: 12, color: [[1, token.colorFillSecondary]] } },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          pointer: { show: false },
          anchor: { show: false },
          title: { offsetCenter: [0, '62%'], color: token.colorTextSecondary, fontSize: 12 },
          detail: {
            offsetCenter: [0, '5%'],
            valueAnimation: false,
            fontSize: 20,
            fontWeight: 600,
            color: token.colorText,
            formatter: () => `${percent}%\n{small|${gauge.detail}}`,
            rich: { small: { fontSize: 11, color: token.colorTextSecondary, lineHeight: 20 } },
          },
          data: [{ value: Math.min(percent, 100), name: gauge.title }],
        };
      }),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [figures, token]);
  return (
    <div
      ref={element}
      role="img"
      aria-label={gauges.map((g) => `${g.title} ${g.detail}`).join(', ')}
      style={{ height: 200, width: '100%' }}
    />
  );
}
