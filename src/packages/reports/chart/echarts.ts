/**
 * ECharts for H5 (and the tests), tree-shaken: line and bar charts, grid and tooltip drawn by the SVG
 * renderer into a DOM node. The mini-program takes `echarts.weapp.ts` instead (Taro picks the
 * platform file), which draws on a 2d canvas. Imported only by the report subpackage, so the
 * bundler keeps ECharts out of the main package.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export { echarts };

/** The renderer `echarts.init` is asked for on this platform. */
export const RENDERER = 'svg' as const;
