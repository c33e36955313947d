/** Only the parts of ECharts the app uses (tree-shaken), in the lazily loaded chart chunk. */
import { BarChart, HeatmapChart, LineChart, BoxplotChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, BoxplotChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);
export { echarts };
