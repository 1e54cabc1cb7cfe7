/**
 * A mini-program 2d canvas node dressed as the canvas element ECharts expects (after
 * echarts-for-weixin's WxCanvas): ECharts draws with the node's context, and touches on the
 * `<Canvas>` are forwarded to its event handler as mouse events, so tooltips and taps work.
 */
export interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
}

interface ZrHandler {
  dispatch(name: string, event: Record<string, unknown>): void;
}

export interface ChartLike {
  getZr(): { handler: ZrHandler };
}

interface TouchLike {
  x?: number;
  y?: number;
  clientX?: number;
  clientY?: number;
}

export class WxCanvas {
  chart: ChartLike | null = null;
  private readonly ctx: unknown;

  constructor(readonly node: CanvasNode) {
    this.ctx = node.getContext('2d');
  }

  getContext(type: string): unknown {
    return type === '2d' ? this.ctx : null;
  }

  setChart(chart: ChartLike): void {
    this.chart = chart;
  }

  // ECharts attaches DOM listeners to its canvas; touches come through `touch` instead.
  addEventListener(): void {}
  removeEventListener(): void {}
  attachEvent(): void {}
  detachEvent(): void {}

  get width(): number {
    return this.node.width;
  }
  set width(w: number) {
    this.node.width = w;
  }
  get height(): number {
    return this.node.height;
  }
  set height(h: number) {
    this.node.height = h;
  }

  /** Forwards a touch on the canvas: start → mousedown, move → mousemove, end → mouseup and click. */
  touch(kind: 'start' | 'move' | 'end', touches: readonly TouchLike[]): void {
    const handler = this.chart?.getZr().handler;
    const t = touches[0];
    if (!handler || !t) return;
    const at = { zrX: t.x ?? t.clientX ?? 0, zrY: t.y ?? t.clientY ?? 0 };
    const noop = () => undefined;
    const event = { ...at, preventDefault: noop, stopImmediatePropagation: noop, stopPropagation: noop };
    if (kind === 'start') handler.dispatch('mousedown', event);
    if (kind === 'move') handler.dispatch('mousemove', event);
    if (kind === 'end') {
      handler.dispatch('mouseup', event);
      handler.dispatch('click', event);
    }
  }
}
