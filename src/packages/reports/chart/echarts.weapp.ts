/**
 * ECharts for the mini-program (Taro picks this file over `echarts.ts` for weapp), tree-shaken:
 * line and bar charts, grid and tooltip drawn by the canvas renderer on a `<Canvas type="2d">` node.
 * Imported only by the report subpackage, so ECharts lands in that subpackage's vendors.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { echarts };

export const RENDERER = 'canvas' as const;
