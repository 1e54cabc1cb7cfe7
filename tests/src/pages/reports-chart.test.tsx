/**
 * The mini-program side of the chart component: a 2d canvas node dressed for ECharts (its
 * context, its size) and touches forwarded to the chart's event handler as mouse events.
 */
import { WxCanvas, type CanvasNode } from '../../../src/packages/reports/chart/wx-canvas';

function node(): CanvasNode & { ctx: object } {
  const ctx = { kind: '2d-context' };
  return { width: 300, height: 150, ctx, getContext: () => ctx };
}

describe('WxCanvas', () => {
  it('hands ECharts the node’s 2d context and passes its size through', () => {
    const n = node();
    const c = new WxCanvas(n);
    expect(c.getContext('2d')).toBe(n.ctx);
    expect(c.getContext('webgl')).toBeNull();
    c.width = 750;
    expect(n.width).toBe(750);
    expect(c.height).toBe(150);
  });

  it('forwards touches as mousedown, mousemove, and mouseup + click at the touch point', () => {
    const dispatch = jest.fn();
    const c = new WxCanvas(node());
    c.touch('start', [{ x: 1, y: 2 }]); // no chart yet: nothing to forward to
    expect(dispatch).not.toHaveBeenCalled();
    c.setChart({ getZr: () => ({ handler: { dispatch } }) });
    c.touch('start', [{ x: 10, y: 20 }]);
    c.touch('move', [{ x: 12, y: 21 }]);
    c.touch('end', [{ x: 12, y: 21 }]);
    c.touch('end', []); // a touch list without touches is ignored
    expect(dispatch.mock.calls.map(([name, e]) => [name, e.zrX, e.zrY])).toEqual([
      ['mousedown', 10, 20],
      ['mousemove', 12, 21],
      ['mouseup', 12, 21],
      ['click', 12, 21],
    ]);
  });
});
