/**
 * The part of ECharts every chart needs (tree-shaken: axes and grid, legend, tooltip, the SVG
 * renderer), in the lazily loaded chart chunk; each kind of series is a module of its own
 * (components/charts/*.ts), loaded with the first chart that draws one, so that no single task
 * evaluates the code of charts the screen does not show.
 */
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
export { echarts };
