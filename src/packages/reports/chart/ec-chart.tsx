/**
 * Our chart component on `echarts/core`. In the mini-program it draws on a `<Canvas type="2d">`
 * found with a selector query in this page (retried while the canvas mounts), sized by the
 * window's pixel ratio, with touches forwarded (wx-canvas.ts); in H5 ECharts renders into a
 * DOM node. The option comes from a pure builder (options.ts); a new option replaces the old.
 * A tap on a data point reports its index (`onPick`), for drilling down. Disposed on unmount.
 */
import { useEffect, useRef, useState } from 'react';
import { Canvas, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { echarts, RENDERER } from './echarts';
import { WxCanvas, type CanvasNode } from './wx-canvas';

type Chart = ReturnType<typeof echarts.init>;

export interface EcChartProps {
  /** Unique on the page: the canvas's id in the mini-program. */
  canvasId: string;
  option: Record<string, unknown>;
  /**
   * Height in px.
   * @default 220
   */
  height?: number;
  /**
   * Called with the index of the data point tapped.
   * @default undefined
   */
  onPick?: (index: number) => void;
}

const FIND_TRIES = 10;

export default function EcChart({ canvasId, option, height = 220, onPick }: EcChartProps) {
  const weapp = process.env.TARO_ENV === 'weapp';
  const hostRef = useRef<HTMLElement | null>(null);
  const chartRef = useRef<Chart | null>(null);
  const canvasRef = useRef<WxCanvas | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const [failed, setFailed] = useState(false);
  const optionKey = JSON.stringify(option);
  const optionRef = useRef(optionKey);
  optionRef.current = optionKey;

  useEffect(() => {
    let disposed = false;
    const attach = (chart: Chart) => {
      chartRef.current = chart;
      chart.on('click', (p: { dataIndex?: number }) => {
        if (typeof p.dataIndex === 'number') pickRef.current?.(p.dataIndex);
      });
      chart.setOption(JSON.parse(optionRef.current) as Record<string, unknown>);
    };
    if (!weapp) {
      const dom = hostRef.current;
      if (dom) {
        try {
          attach(echarts.init(dom, undefined, { renderer: RENDERER, height }));
        } catch {
          setFailed(true);
        }
      }
    } else {
      let tries = 0;
      const find = () => {
        if (disposed) return;
        const page = Taro.getCurrentInstance().page;
        if (!page) return void setFailed(true);
        Taro.createSelectorQuery()
          .in(page)
          .select(`#${canvasId}`)
          .fields({ node: true, size: true })
          .exec((res: unknown[]) => {
            const hit = res?.[0] as { node?: CanvasNode; width: number; height: number } | undefined;
            if (disposed) return;
            if (!hit?.node) {
              if (tries++ < FIND_TRIES) setTimeout(find, 100);
              else setFailed(true);
              return;
            }
            const dpr = Taro.getWindowInfo().pixelRatio;
            const canvas = new WxCanvas(hit.node);
            canvas.width = hit.width * dpr;
            canvas.height = hit.height * dpr;
            echarts.setPlatformAPI({ createCanvas: () => canvas as unknown as HTMLCanvasElement });
            const chart = echarts.init(canvas as unknown as HTMLElement, undefined, {
              width: hit.width,
              height: hit.height,
              devicePixelRatio: dpr,
            });
            canvas.setChart(chart);
            canvasRef.current = canvas;
            attach(chart);
          });
      };
      setTimeout(find, 0);
    }
    return () => {
      disposed = true;
      chartRef.current?.dispose();
      chartRef.current = null;
      canvasRef.current = null;
    };
    // Created once per mount; the option is applied by the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(JSON.parse(optionKey) as Record<string, unknown>, true);
  }, [optionKey]);

  if (failed) return <Text className='report-chart__failed'>图表暂时无法显示</Text>;
  if (weapp) {
    type Touches = { touches: unknown[]; changedTouches: unknown[] };
    const touch = (kind: 'start' | 'move' | 'end') => (e: unknown) => {
      const t = e as Touches;
      canvasRef.current?.touch(kind, (kind === 'end' ? t.changedTouches : t.touches) as never[]);
    };
    return (
      <Canvas
        type='2d'
        id={canvasId}
        canvasId={canvasId}
        className='report-chart'
        style={{ width: '100%', height: `${height}px` }}
        onTouchStart={touch('start')}
        onTouchMove={touch('move')}
        onTouchEnd={touch('end')}
      />
    );
  }
  return (
    <View
      className='report-chart'
      data-testid={`chart-${canvasId}`}
      ref={(el: unknown) => {
        hostRef.current = el as HTMLElement | null;
      }}
      style={{ width: '100%', height: `${height}px` }}
    />
  );
}
